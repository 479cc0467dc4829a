#!/usr/bin/env bash
# Generates drizzle-kit migrations for every subgraph of supergraph.yaml whose tables changed
# (one shared config: scripts/drizzle.config.ts).
# Usage: npm run migrations -- [--name short_description]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
for name in $(node_modules/.bin/tsx scripts/subgraph-names.ts); do
  echo "== $name"
  BASKET_SUBGRAPH="$name" node_modules/.bin/drizzle-kit generate --config scripts/drizzle.config.ts "$@"
done

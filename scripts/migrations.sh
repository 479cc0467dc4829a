#!/usr/bin/env bash
# Generates drizzle-kit migrations for every subgraph whose tables changed.
# Usage: npm run migrations -- [--name short_description]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for dir in "$ROOT"/subgraphs/*/; do
  [[ -f "$dir/drizzle.config.ts" ]] || continue
  echo "== $(basename "$dir")"
  (cd "$dir" && "$ROOT/node_modules/.bin/drizzle-kit" generate --config drizzle.config.ts "$@")
done

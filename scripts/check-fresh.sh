#!/usr/bin/env bash
# Fails when generated artefacts are stale: the composed supergraph, the subgraph registry,
# the codegen resolver types and the drizzle migrations must match their sources as committed.
# Everything is derived from supergraph.yaml's list of subgraphs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/node_modules/.bin"

"$BIN/tsx" scripts/compose.ts --check

"$BIN/tsx" scripts/registry.ts
"$BIN/graphql-codegen" --config codegen.ts --silent
for name in $("$BIN/tsx" scripts/subgraph-names.ts); do
  BASKET_SUBGRAPH="$name" "$BIN/drizzle-kit" generate --config scripts/drizzle.config.ts >/dev/null
done
# `:(glob)` so `*` stays within one folder and `**` reaches the files: a plain
# 'subgraphs/*/src/generated' pathspec matches no file, and stale code went unnoticed.
GENERATED=(subgraphs/registry.ts ':(glob)subgraphs/*/src/generated/**' ':(glob)subgraphs/*/src/db/migrations/**')
if [[ -d .git ]] && [[ -n "$(git status --porcelain -- "${GENERATED[@]}")" ]]; then
  echo "Generated code is stale; run 'npm run codegen' and 'npm run migrations', then commit:" >&2
  git status --porcelain -- "${GENERATED[@]}" >&2
  exit 1
fi
echo "registry, codegen and migrations are up to date"

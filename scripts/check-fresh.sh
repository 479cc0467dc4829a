#!/usr/bin/env bash
# Fails when generated artefacts are stale: the composed supergraph, the codegen
# resolver types and the drizzle migrations must match their sources as committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/node_modules/.bin"

"$BIN/tsx" scripts/compose.ts --check

"$BIN/graphql-codegen" --config codegen.yml --silent
for dir in subgraphs/*/; do
  if [[ -f "$dir/drizzle.config.ts" ]]; then
    (cd "$dir" && "$BIN/drizzle-kit" generate --config drizzle.config.ts >/dev/null)
  fi
done
if [[ -d .git ]] && [[ -n "$(git status --porcelain -- 'subgraphs/*/src/generated' 'subgraphs/*/src/db/migrations')" ]]; then
  echo "Generated code is stale; run 'npm run codegen' and 'npm run migrations', then commit:" >&2
  git status --porcelain -- 'subgraphs/*/src/generated' 'subgraphs/*/src/db/migrations' >&2
  exit 1
fi
echo "codegen and migrations are up to date"

#!/usr/bin/env bash
# `npm test`: everything from a fresh clone. Installs dependencies, brings up
# Postgres, Redis and Kafka (infra/up.sh), checks generated code and types are
# current, then runs every jest suite in band against the real services.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/ensure-deps.sh
bash infra/up.sh
bash scripts/check-fresh.sh
echo "typecheck: tsc --noEmit (strict)"
node_modules/.bin/tsc -p tsconfig.json --noEmit

# PGlite loads its WASM with a dynamic import(), which jest's VM needs this flag for.
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
exec node_modules/.bin/jest --runInBand "$@"

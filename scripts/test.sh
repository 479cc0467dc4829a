#!/usr/bin/env bash
# `npm test`: everything from a fresh clone. Installs dependencies, brings up
# Postgres, Redis and Kafka (infra/up.sh), checks generated code, lint, format and
# types are current, then runs every jest suite in band against the real services.
# A Kafka broker this run started is stopped at the end (unless another test run
# still uses it); one that was already running is left alone. The exit code is jest's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/ensure-deps.sh

KAFKA_STARTED_MARKER="$(bash infra/kafka/test-lease.sh take $$)"
export KAFKA_STARTED_MARKER
# `|| true`: a failing release must not replace jest's exit code.
trap 'bash infra/kafka/test-lease.sh release $$ || true' EXIT

bash infra/up.sh
bash scripts/check-fresh.sh
bash scripts/lint.sh
echo "typecheck: tsc --noEmit (strict)"
node_modules/.bin/tsc -p tsconfig.json --noEmit

# PGlite loads its WASM with a dynamic import(), which jest's VM needs this flag for.
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
status=0
node_modules/.bin/jest --runInBand "$@" || status=$?
exit "$status"

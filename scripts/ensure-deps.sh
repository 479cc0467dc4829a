#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing or older than it,
# so `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: installing from package-lock.json..."
  # Not `npm ci`: the lock cannot list other platforms' optional binaries (e.g. swc's
  # darwin builds) when the registry in use does not serve them, and `npm ci` then
  # refuses the lock. --no-save installs the locked versions and leaves the lock as is.
  npm install --no-audit --no-fund --no-save --loglevel=error
fi

#!/usr/bin/env bash
# `npm run lint [files...]`: ESLint (typescript-eslint) and Prettier's check, on the given
# files or on the whole repository. `npm run format [files...]` rewrites with Prettier.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" == "--write" ]]; then
  shift
  node_modules/.bin/prettier --write --log-level warn "${@:-.}"
  exit 0
fi
echo "lint: eslint and prettier --check"
node_modules/.bin/eslint --max-warnings 0 "${@:-.}"
node_modules/.bin/prettier --check --log-level warn "${@:-.}"

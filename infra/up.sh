#!/usr/bin/env bash
# Brings up everything the project runs against on this machine (no Docker):
#   - PostgreSQL on 127.0.0.1:5432 (the machine's own cluster) + database basket_test
#   - Redis on 127.0.0.1:6379
#   - a single-node KRaft Kafka on 127.0.0.1:9092 (jars from Maven Central)
#   - one `<subgraph>.events` topic per subgraph in supergraph.yaml
# Idempotent; takes a couple of seconds when everything is already up.
# Usage: npm run infra:up   (or: bash infra/up.sh [extraDomain ...])
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST_DB="${BASKET_TEST_DB:-basket_test}"

# wait_for SECONDS DESCRIPTION CMD...: polls CMD until it succeeds.
wait_for() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "infra: $what did not come up within ${timeout}s" >&2
      return 1
    fi
    sleep 0.3
  done
}

# --- PostgreSQL ---------------------------------------------------------------
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q; }
if pg_up; then
  echo "postgres: running on 127.0.0.1:5432"
else
  echo "postgres: starting..."
  # The newest installed major version's "main" cluster (Debian layout).
  pg_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  if [[ -z "$pg_version" ]]; then
    echo "postgres: no cluster under /etc/postgresql; install PostgreSQL first" >&2
    exit 1
  fi
  # --skip-systemctl-redirect: there is no systemd on these machines.
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
  wait_for 30 "postgres" pg_up
  echo "postgres: started ($pg_version/main)"
fi

if [[ -z "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$TEST_DB'")" ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -q -c "CREATE DATABASE \"$TEST_DB\""
  echo "postgres: created database $TEST_DB"
fi

# --- Redis --------------------------------------------------------------------
redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" == "PONG" ]]; }
if redis_up; then
  echo "redis: running on 127.0.0.1:6379"
else
  echo "redis: starting..."
  # Dev/test cache only: no persistence.
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for 15 "redis" redis_up
  echo "redis: started"
fi

# --- Kafka --------------------------------------------------------------------
bash "$ROOT/infra/kafka/fetch.sh"
bash "$ROOT/infra/kafka/start.sh"

# Call tsx directly: `npx` alone costs ~0.5 s per run.
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
if [[ -x "$ROOT/node_modules/.bin/tsx" ]]; then
  "$ROOT/node_modules/.bin/tsx" "$ROOT/infra/kafka/create-topics.ts" "$@"
else
  (cd "$ROOT" && npx --no-install tsx infra/kafka/create-topics.ts "$@")
fi
echo "infra: up"

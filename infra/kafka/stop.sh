#!/usr/bin/env bash
# Stops the broker started by infra/kafka/start.sh (found via its pid file).
# SIGTERM lets Kafka shut down cleanly (so the next start skips log recovery);
# SIGKILL only if it has not exited after KAFKA_STOP_TIMEOUT seconds (default 30).
# Fine to run when nothing is running.
set -euo pipefail

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
PIDFILE="$ROOT/infra/.kafka/kafka.pid"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

if [[ ! -f "$PIDFILE" ]]; then
  echo "kafka: not running (no pid file)"
  exit 0
fi
pid="$(cat "$PIDFILE" 2>/dev/null || true)"

# Only signal the pid if it is still our broker (pids get reused).
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null \
  || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
  echo "kafka: not running (stale pid file removed)"
  rm -f "$PIDFILE"
  exit 0
fi

echo "kafka: stopping broker (pid $pid)..."
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "kafka: still running after ${TIMEOUT}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
    break
  fi
  sleep 0.2
done
rm -f "$PIDFILE"
echo "kafka: stopped"

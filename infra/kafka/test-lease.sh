#!/usr/bin/env bash
# Lets `npm test` stop the Kafka broker it started, and only that one.
#
#   test-lease.sh take <pid>      before infra/up.sh: registers test run <pid>; prints
#                                 the KAFKA_STARTED_MARKER path to export for start.sh
#   test-lease.sh release <pid>   at the end of the run: unregisters <pid>; stops the
#                                 broker when a test run started it and no other test
#                                 run is still using it
#
# start.sh writes the broker's pid to $KAFKA_STARTED_MARKER when it launches one, so a
# broker that was already running (npm run infra:up, another project) is never stopped.
# Test runs hold leases (a file per runner pid): two runs at once share one broker, and
# the last one out stops it even if the other one started it. Dead runners' leases are
# ignored. A lock serialises take and release, so a run starting while another stops
# the broker waits and then starts a fresh one.
set -euo pipefail

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
STATE="$ROOT/infra/.kafka"
LEASES="$STATE/test-runs"
MARKER="$STATE/started-by-test"
PIDFILE="$STATE/kafka.pid"

action="${1:?usage: test-lease.sh take|release <pid>}"
runner="${2:?usage: test-lease.sh take|release <pid>}"

mkdir -p "$LEASES"
exec 8>"$STATE/test-lease.lock"
flock 8

case "$action" in
  take)
    : >"$LEASES/$runner"
    echo "$MARKER"
    ;;
  release)
    rm -f "$LEASES/$runner"
    for lease in "$LEASES"/*; do
      [[ -e "$lease" ]] || continue
      if kill -0 "$(basename "$lease")" 2>/dev/null; then
        echo "kafka: left running for test run $(basename "$lease")"
        exit 0
      fi
      rm -f "$lease"
    done
    [[ -f "$MARKER" ]] || exit 0
    started="$(cat "$MARKER")"
    rm -f "$MARKER"
    # Only if the broker running now is the one a test run started (not a later restart).
    if [[ -n "$started" && "$started" == "$(cat "$PIDFILE" 2>/dev/null || true)" ]]; then
      bash "$KAFKA_DIR/stop.sh"
    fi
    ;;
  *)
    echo "usage: test-lease.sh take|release <pid>" >&2
    exit 2
    ;;
esac

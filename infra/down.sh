#!/usr/bin/env bash
# Stops what infra/up.sh started for this project: the Kafka broker.
# PostgreSQL and Redis are the machine's shared services and are left running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/infra/kafka/stop.sh"
echo "infra: down (postgres and redis left running)"

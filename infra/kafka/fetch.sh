#!/usr/bin/env bash
# Fetches Apache Kafka's jars (and a log4j binding) from Maven Central into
# infra/.kafka/libs, using infra/kafka/pom.xml. There is no Docker and no Kafka
# tarball download on our machines; Maven Central is the one place we can get
# the broker from. Idempotent: does nothing when the jars are already there.
set -euo pipefail

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
LIBS="$ROOT/infra/.kafka/libs"

# pom.xml is the single source of truth for the Kafka version.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_DIR/pom.xml" | head -n1)"
if [[ -z "$KAFKA_VERSION" ]]; then
  echo "kafka: cannot read <kafka.version> from $KAFKA_DIR/pom.xml" >&2
  exit 1
fi

# A complete copy has at least the broker, its client library and the slf4j binding.
complete() {
  [[ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" && -f "$LIBS/kafka-clients-$KAFKA_VERSION.jar" ]] \
    && compgen -G "$LIBS/slf4j-reload4j-*.jar" >/dev/null
}

if complete; then
  echo "kafka: jars for $KAFKA_VERSION already in infra/.kafka/libs"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
  # A machine without a JDK or Maven gets them from Debian's packages (the broker needs Java 17).
  echo "kafka: installing Java 17 and Maven from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null
fi

# libs/ is generated: wipe it so jars of another Kafka version never end up on
# the same classpath as the new ones.
rm -rf "$LIBS"
mkdir -p "$LIBS"
mkdir -p "$ROOT/infra/.kafka/logs"
FETCH_LOG="$ROOT/infra/.kafka/logs/fetch.log"
echo "kafka: fetching Kafka $KAFKA_VERSION jars from Maven Central (first run only)..."
# Output goes to a log (Maven 3.8 prints stray colour codes even with -q -B);
# it is shown only when Maven fails.
if ! (cd "$KAFKA_DIR" && mvn -q -B dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$LIBS") >"$FETCH_LOG" 2>&1; then
  echo "kafka: maven failed fetching the Kafka jars:" >&2
  tail -n 40 "$FETCH_LOG" >&2
  exit 1
fi

if ! complete; then
  echo "kafka: maven finished but the Kafka $KAFKA_VERSION jars are missing from $LIBS" >&2
  exit 1
fi
echo "kafka: fetched $(ls "$LIBS" | wc -l | tr -d ' ') jars into infra/.kafka/libs"

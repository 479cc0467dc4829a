#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker (broker + controller in one JVM) from
# the jars in infra/.kafka/libs (see fetch.sh). Idempotent: returns at once when
# a broker already answers on the port. Otherwise formats the storage on first
# use, starts the broker in the background and waits until it serves metadata.
#
# Env: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default 9093),
#      KAFKA_HEAP_OPTS (default "-Xmx512m -Xms256m"),
#      KAFKA_START_TIMEOUT seconds (default 90),
#      KAFKA_STARTED_MARKER: a file to write the pid to when this call launches the broker.
set -euo pipefail

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
STATE="$ROOT/infra/.kafka"
LIBS="$STATE/libs"
DATA="$STATE/data"
LOGS="$STATE/logs"
PIDFILE="$STATE/kafka.pid"
PROPS="$STATE/server.properties"
LOG4J="$STATE/log4j.properties"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

# Readiness probe: one Kafka Metadata v4 request over a raw socket (plain node,
# no node_modules needed, ~50 ms). Succeeds only when the answer lists at least
# one broker, i.e. the broker is registered and unfenced, not merely listening.
# v4 is non-flexible and accepted by Kafka 3.x and 4.x alike.
PROBE_JS='
const net = require("net");
const [host, port] = [process.argv[1], Number(process.argv[2])];
const clientId = Buffer.from("basket-probe");
const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
let o = 0;
o = body.writeInt16BE(3, o);                 // api key: Metadata
o = body.writeInt16BE(4, o);                 // api version
o = body.writeInt32BE(4242, o);              // correlation id
o = body.writeInt16BE(clientId.length, o); o += clientId.copy(body, o);
o = body.writeInt32BE(0, o);                 // topics: empty array
body.writeInt8(0, o);                        // allow_auto_topic_creation
const size = Buffer.alloc(4); size.writeInt32BE(body.length);
const sock = net.connect({ host, port });
const fail = () => { sock.destroy(); process.exit(1); };
sock.setTimeout(2000, fail);
sock.on("error", fail);
let buf = Buffer.alloc(0);
sock.on("connect", () => sock.write(Buffer.concat([size, body])));
sock.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  if (buf.length < 16) return;
  // size, correlation id, throttle_time_ms, broker count
  const ok = buf.readInt32BE(4) === 4242 && buf.readInt32BE(12) >= 1;
  sock.destroy();
  process.exit(ok ? 0 : 1);
});
sock.on("end", fail);
'
probe() { node -e "$PROBE_JS" 127.0.0.1 "$PORT" >/dev/null 2>&1; }

# Our broker's pid if it is alive; checks the command line too, so a stale pid
# file whose pid was reused by another process is not mistaken for Kafka.
running_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' \
    && echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Byte offset in server.log where this start's output begins (set just before
# launching), so a failure shows this run's lines, not the previous run's.
LOG_OFFSET=0
log_tail() {
  echo "---- last lines of $LOGS/server.log (this start) ----" >&2
  tail -c "+$((LOG_OFFSET + 1))" "$LOGS/server.log" 2>/dev/null | tail -n 40 >&2 || true
  echo "---- last lines of $LOGS/kafka.out ----" >&2
  tail -n 20 "$LOGS/kafka.out" >&2 2>/dev/null || true
}

# Fast path: already up.
if probe; then
  echo "kafka: already running on 127.0.0.1:$PORT"
  exit 0
fi

mkdir -p "$STATE" "$LOGS"
# Serialise concurrent start.sh runs (e.g. two test runners at once): the
# second one waits here, then sees the first one's broker below.
exec 9>"$STATE/start.lock"
flock 9

wait_ready() {
  local pid="$1" deadline=$((SECONDS + TIMEOUT))
  while ! probe; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "kafka: broker process $pid exited during startup" >&2
      rm -f "$PIDFILE"
      log_tail
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "kafka: broker did not answer on 127.0.0.1:$PORT within ${TIMEOUT}s (pid $pid still running; stop it with infra/kafka/stop.sh)" >&2
      log_tail
      exit 1
    fi
    sleep 0.5
  done
}

if pid="$(running_pid)"; then
  echo "kafka: broker (pid $pid) is starting; waiting for it..."
  wait_ready "$pid"
  echo "kafka: ready on 127.0.0.1:$PORT"
  exit 0
fi

if port_open "$PORT"; then
  echo "kafka: 127.0.0.1:$PORT is taken by a process that does not answer as a Kafka broker" >&2
  exit 1
fi
if port_open "$CONTROLLER_PORT"; then
  echo "kafka: controller port 127.0.0.1:$CONTROLLER_PORT is taken (set KAFKA_CONTROLLER_PORT)" >&2
  exit 1
fi

if ! compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
  echo "kafka: no Kafka jars in $LIBS; running fetch.sh first"
  bash "$KAFKA_DIR/fetch.sh"
fi
command -v java >/dev/null 2>&1 || { echo "kafka: java not found (needs Java 17+)" >&2; exit 1; }

# Generated config (regenerated each start so port overrides take effect).
sed -e "s|@KAFKA_PORT@|$PORT|g" \
    -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$DATA|g" \
    "$KAFKA_DIR/server.properties.template" >"$PROPS"

# Kafka 3.9 uses log4j 1.x (reload4j): configured only via a system property
# pointing at a file. Everything goes to a size-capped file under infra/.kafka/logs.
cat >"$LOG4J" <<'EOF'
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# Per-partition state changes and request logs are noise on a dev box.
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF

CP="$LIBS/*"
LOG_OPTS=(-Dlog4j.configuration="file:$LOG4J" -Dkafka.logs.dir="$LOGS")

# Format the storage once. meta.properties is what the broker itself looks for.
if [[ ! -f "$DATA/meta.properties" ]]; then
  mkdir -p "$DATA"
  cluster_id="$(java -cp "$CP" "${LOG_OPTS[@]}" kafka.tools.StorageTool random-uuid)"
  echo "kafka: formatting storage in infra/.kafka/data (cluster id $cluster_id)"
  # No --standalone: the quorum is the static controller.quorum.voters list.
  java -cp "$CP" "${LOG_OPTS[@]}" kafka.tools.StorageTool format \
    --config "$PROPS" --cluster-id "$cluster_id" --ignore-formatted >>"$LOGS/format.log" 2>&1 \
    || { echo "kafka: storage format failed:" >&2; tail -n 20 "$LOGS/format.log" >&2; exit 1; }
fi

LOG_OFFSET="$(stat -c %s "$LOGS/server.log" 2>/dev/null || echo 0)"
echo "kafka: starting broker on 127.0.0.1:$PORT (logs: infra/.kafka/logs/server.log)"
# shellcheck disable=SC2086  # HEAP_OPTS is a list of JVM flags
nohup java $HEAP_OPTS -server \
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
  "${LOG_OPTS[@]}" \
  -cp "$CP" kafka.Kafka "$PROPS" >"$LOGS/kafka.out" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$PIDFILE"
# `npm test` stops at its end a broker that it started (see test-lease.sh).
if [[ -n "${KAFKA_STARTED_MARKER:-}" ]]; then echo "$pid" >"$KAFKA_STARTED_MARKER"; fi

started=$SECONDS
wait_ready "$pid"
echo "kafka: ready on 127.0.0.1:$PORT (pid $pid, $((SECONDS - started))s)"

#!/usr/bin/env bash
# Start/stop a local Neo4j 5.26 Community server (Bolt on 127.0.0.1) for Steward's
# development and tests. Everything comes from Maven Central; see README.md.
#
#   tools/neo4j/neo4j.sh start|stop|restart|status
#
# Environment (all optional):
#   STEWARD_NEO4J_HOME      run folder: pid, log, default data   (default <repo>/.neo4j)
#   STEWARD_NEO4J_DATA      Neo4j home with the databases         (default $STEWARD_NEO4J_HOME/data)
#   STEWARD_NEO4J_PORT      Bolt port on 127.0.0.1                (default 7687)
#   STEWARD_NEO4J_PASSWORD  enables auth, user neo4j              (default: auth off)
#   STEWARD_NEO4J_PAGECACHE page cache size                       (default 256m)
#   STEWARD_NEO4J_TIMEOUT   seconds to wait for Bolt on start     (default 180)
#   STEWARD_NEO4J_JAVA_OPTS extra JVM options, appended
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TOOL_DIR/../.." && pwd)"
RUN_DIR="${STEWARD_NEO4J_HOME:-$REPO_ROOT/.neo4j}"
DATA_DIR="${STEWARD_NEO4J_DATA:-$RUN_DIR/data}"
PORT="${STEWARD_NEO4J_PORT:-7687}"
TIMEOUT="${STEWARD_NEO4J_TIMEOUT:-180}"
PID_FILE="$RUN_DIR/neo4j.pid"
PORT_FILE="$RUN_DIR/neo4j.port"   # so stop/status find the port start used
LOG_FILE="$RUN_DIR/neo4j.log"
CLASSPATH_FILE="$TOOL_DIR/target/classpath.txt"
CLASSES_DIR="$TOOL_DIR/target/classes"
MAIN_CLASS="steward.Neo4jLauncher"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# -Xms = -Xmx because Neo4j warns otherwise. The --add-opens are the ones Neo4j's own
# launcher passes: without them the page cache falls back to a slower mode and
# transaction-log native calls fail with "Incorrect file descriptor" warnings.
JAVA_OPTS=(
  -Xms1g -Xmx1g
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true
)

log() { echo "neo4j.sh: $*" >&2; }

# Prints the pid if the pid file names a live launcher (not a recycled pid).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# Compiles the launcher and caches its runtime class path; reruns Maven only when
# pom.xml or the source changed. Tries offline first so that a resolved machine
# never needs the network.
build() {
  local src="$TOOL_DIR/src/main/java/steward/Neo4jLauncher.java"
  if [[ -s "$CLASSPATH_FILE" && -f "$CLASSES_DIR/steward/Neo4jLauncher.class" \
        && "$CLASSPATH_FILE" -nt "$TOOL_DIR/pom.xml" && "$CLASSPATH_FILE" -nt "$src" ]]; then
    return 0
  fi
  mkdir -p "$TOOL_DIR/target"
  local mvn_log="$TOOL_DIR/target/mvn.log"
  local goals=(-B -q -Dstyle.color=never -f "$TOOL_DIR/pom.xml"
               compile dependency:build-classpath
               -Dmdep.includeScope=runtime "-Dmdep.outputFile=$CLASSPATH_FILE.tmp")
  log "building launcher with Maven (the very first build downloads ~120 MB from Maven Central)"
  if ! mvn -o "${goals[@]}" >"$mvn_log" 2>&1; then
    if ! mvn "${goals[@]}" >"$mvn_log" 2>&1; then
      log "Maven build failed:"; tail -n 40 "$mvn_log" >&2
      return 1
    fi
  fi
  mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    [[ -f "$PORT_FILE" ]] && PORT="$(cat "$PORT_FILE")"
    log "already running (pid $pid, bolt://127.0.0.1:$PORT)"
    return 0
  fi
  rm -f "$PID_FILE"
  if port_open; then
    log "port $PORT on 127.0.0.1 is taken by another process; set STEWARD_NEO4J_PORT"
    return 1
  fi
  build
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  # The run folder ignores itself, so it never shows up in git status.
  [[ -f "$RUN_DIR/.gitignore" ]] || echo '*' >"$RUN_DIR/.gitignore"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  : >"$LOG_FILE"  # exists before the first grep below, even if java is slow to fork

  local started=$SECONDS extra_opts=()
  read -r -a extra_opts <<<"${STEWARD_NEO4J_JAVA_OPTS:-}"
  # The password reaches the JVM through the environment, never argv (visible in ps).
  STEWARD_NEO4J_PASSWORD="${STEWARD_NEO4J_PASSWORD:-}" nohup "$JAVA" "${JAVA_OPTS[@]}" \
    "${extra_opts[@]}" \
    -cp "$CLASSES_DIR:$(cat "$CLASSPATH_FILE")" "$MAIN_CLASS" \
    --port "$PORT" --data "$DATA_DIR" </dev/null >"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$PORT" >"$PORT_FILE"

  while (( SECONDS - started < TIMEOUT )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Neo4j exited during start; last lines of $LOG_FILE:"
      tail -n 30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    if grep -q '^STEWARD_NEO4J_READY' "$LOG_FILE" && port_open; then
      log "ready on bolt://127.0.0.1:$PORT (pid $pid, $((SECONDS - started)) s, log $LOG_FILE)"
      return 0
    fi
    sleep 0.5
  done
  log "Bolt did not come up within $TIMEOUT s; stopping pid $pid. Last lines of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2
  cmd_stop >/dev/null 2>&1 || true
  return 1
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  local i
  for (( i = 0; i < 120; i++ )); do  # 60 s: the shutdown hook checkpoints the stores
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  log "pid $pid ignored SIGTERM for 60 s; killing it (next start runs recovery)"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    [[ -f "$PORT_FILE" ]] && PORT="$(cat "$PORT_FILE")"
    if port_open; then
      echo "running (pid $pid, bolt://127.0.0.1:$PORT, data $DATA_DIR)"
    else
      echo "starting or unhealthy (pid $pid, port $PORT not accepting)"
    fi
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status)  cmd_status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac

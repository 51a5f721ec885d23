#!/usr/bin/env bash
# Runs a command with the local Neo4j server (tools/neo4j) up. A server that was
# already running is left running; one this script starts is stopped when the command
# ends, however it ends: success, failure, Ctrl-C, SIGTERM or SIGHUP. Exits with the
# command's status. Same STEWARD_NEO4J_* variables as tools/neo4j/neo4j.sh.
#
#   tools/with-neo4j.sh COMMAND [ARG...]
set -uo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here=.
neo4j=(bash "$here/neo4j/neo4j.sh")

if "${neo4j[@]}" status >/dev/null; then
  exec "$@"  # not ours to stop
fi

child=
forward() { kill "-$1" -- "-$child" 2>/dev/null; }  # to the command's whole process group
stop() {
  trap '' INT TERM HUP  # a second Ctrl-C must not cut the stop short
  if [[ -n "$child" ]]; then forward TERM; wait "$child"; fi
  "${neo4j[@]}" stop
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
"${neo4j[@]}" start || exit

# The command runs in the background, in a process group of its own (set -m), and this
# script passes signals on to that group: bash would run a trap only once a foreground
# command had finished, and a test run killed with SIGTERM must not leave behind the
# servers and browsers its tests started.
set -m
"$@" &
child=$!
set +m
trap 'forward INT' INT
trap 'forward TERM' TERM
trap 'forward HUP' HUP
while kill -0 "$child" 2>/dev/null; do wait "$child"; done
wait "$child"
status=$?
child=
exit "$status"

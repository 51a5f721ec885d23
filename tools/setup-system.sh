#!/usr/bin/env bash
# Installs the Debian packages the tests need (tools/system-packages) when they are
# missing: as root, or through sudo. When all are there it does nothing and needs no
# root: only shell builtins run until something is missing, so `make test` calls it
# every time. When it cannot install them (no root and no sudo, or apt-get fails), it
# prints the command to run as root and exits 1.
#
#   tools/setup-system.sh [PACKAGE_LIST]
set -euo pipefail

here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here=.
list="${1:-$here/system-packages}"

say() { echo "setup-system: $*" >&2; }

missing_packages() {
  local package file _ number=0
  while read -r package file _; do
    number=$((number + 1))
    [[ -z "$package" || "$package" == \#* ]] && continue
    if [[ "$file" != /* ]]; then
      say "$list:$number: expected a Debian package and the absolute path of a file it installs"
      exit 2
    fi
    [[ -e "$file" ]] || echo "$package"
  done <"$list"
}

# A command substitution, whose status `set -e` sees: a malformed list ends the script
# here, with its message. (Waiting on a process substitution's pid is not reliable: when
# bash has already reaped it, the wait fails though the list was fine.)
listing="$(missing_packages)"
missing=()
[[ -z "$listing" ]] || mapfile -t missing <<<"$listing"
(( ${#missing[@]} )) || exit 0

cannot() {
  say "cannot install the Debian packages the tests need: $*."
  say "Run this as root, then run the tests again:"
  echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
}

if (( EUID == 0 )); then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
  [[ -t 0 ]] || as_root+=(-n)  # no terminal to ask for a password on: fail, do not hang
else
  cannot "this is not root, and sudo is not installed"
fi
command -v apt-get >/dev/null || cannot "apt-get is not available here"

# apt's output goes to a log, shown when it fails: dpkg's hundreds of lines would bury
# the test report.
log="$(mktemp "${TMPDIR:-/tmp}/steward-setup-system.XXXXXX.log")"
say "installing the Debian packages the tests need: ${missing[*]} (log: $log)"
apt_get() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >>"$log" 2>&1 && return
  tail -n 20 "$log" >&2
  cannot "apt-get $1 failed (above)"
}
apt_get update
apt_get install -y "${missing[@]}"

mapfile -t missing < <(missing_packages)
(( ${#missing[@]} == 0 )) || cannot "apt-get installed them, but the files the tests use are still missing"

#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a private cluster (as the `postgres` system user, in a fresh temporary directory, on a free
# loopback port), exports DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres, runs CMD in the
# caller's working directory, then always stops the cluster and deletes the directory. Exits with
# CMD's exit code. It only ever stops the cluster it started itself.
#
# Installs the Debian `postgresql` package with apt-get when no server is present (needs root).
set -euo pipefail

log() { printf 'with-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[ "$#" -gt 0 ] || die "usage: $0 CMD [ARGS...]"

# Newest installed server version's bin directory, e.g. /usr/lib/postgresql/15/bin.
find_pg_bin() {
  local f best=""
  for f in /usr/lib/postgresql/*/bin/initdb; do
    [ -x "$f" ] && best=$(printf '%s\n%s\n' "$best" "$f" | sed '/^$/d' | sort -V | tail -n 1)
  done
  [ -n "$best" ] && dirname "$best"
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL server not installed and not running as root to install it"
  log "PostgreSQL server not found; installing the Debian 'postgresql' package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  PG_BIN=$(find_pg_bin || true)
  [ -n "$PG_BIN" ] || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb exists"
fi
id -u postgres >/dev/null 2>&1 || die "system user 'postgres' does not exist"
command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required to pick a free port"

# Run a program as the postgres user from inside our own directory (the caller's cwd may be
# unreadable for postgres).
as_pg() { (cd "$PG_TMP" && runuser -u postgres -- "$@"); }

PG_TMP=""
PG_STARTED=0
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
    if [ "$PG_STARTED" -eq 1 ] && [ -f "$PG_TMP/data/postmaster.pid" ]; then
      if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
        # Last resort, still only our own postmaster (its pid is in our data directory).
        local pid
        pid=$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pid" ]; then
          log "pg_ctl stop failed; sending SIGQUIT to our postmaster $pid"
          kill -QUIT "$pid" 2>/dev/null || true
          sleep 2
          kill -KILL "$pid" 2>/dev/null || true
        fi
      fi
    fi
    rm -rf -- "$PG_TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A directory postgres can reach regardless of the caller's TMPDIR (which may be under /root).
PG_TMP=$(mktemp -d /tmp/with-postgres.XXXXXXXX)
chown postgres: "$PG_TMP"
chmod 700 "$PG_TMP"

as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The port is free when picked but could be taken before the server binds it: retry a few times.
PG_PORT=""
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  PG_STARTED=1
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -t 60 \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1; then
    PG_PORT=$port
    break
  fi
  PG_STARTED=0
  log "start on port $port failed (attempt $attempt); server log:"
  tail -n 20 "$PG_TMP/log" >&2 || true
  # A half-started server must not linger before the next attempt.
  if [ -f "$PG_TMP/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
done
[ -n "$PG_PORT" ] || die "could not start PostgreSQL"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PG_PORT (data in $PG_TMP)"

set +e
"$@"
rc=$?
set -e
log "command exited with $rc; stopping PostgreSQL"
exit "$rc"

#!/usr/bin/env bash
# Smoke test of `make run`, the first of the two commands a clean clone needs.
#
#   scripts/smoke-run.sh
#
# 1. Runs `make run PORT=<free port>` in the background (own process group) and waits up to
#    SMOKE_WAIT_SECS (default 600) for HTTP 200 from /accounts/login/.
# 2. Checks var/demo-accounts.txt (>= 6 lines, each exactly 4 whitespace-separated fields) and
#    records the sha256 of `.venv/bin/partnerdesk demo --summary`.
# 3. Kills the server's process group, runs `make run` again on the same port, waits for 200 again
#    and checks that the accounts file is byte-identical and the summary hash unchanged (setup is
#    idempotent). Kills it and prints a final `SMOKE-RUN: PASS` or `SMOKE-RUN: FAIL: <reason>` line.
#
# Every wait is bounded; exit status is 0 on PASS, 1 on FAIL.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

WAIT_SECS=${SMOKE_WAIT_SECS:-600}
ACCOUNTS=var/demo-accounts.txt
LOGIN_PATH=/accounts/login/
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smoke-run.XXXXXXXX")
SERVER_PID=""
RESULT=""

say() { printf 'smoke-run: %s\n' "$*"; }

# shellcheck disable=SC2317  # invoked via trap
finish() {
  local rc=$?
  trap - EXIT INT TERM HUP
  stop_server || true
  if [ -z "$RESULT" ]; then
    RESULT="FAIL: interrupted or unexpected error (exit $rc)"
  fi
  if [ "$RESULT" = PASS ]; then
    rm -rf -- "$WORK"
    echo "SMOKE-RUN: PASS"
    exit 0
  fi
  say "logs kept in $WORK"
  echo "SMOKE-RUN: $RESULT"
  exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() {
  RESULT="FAIL: $*"
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_is_free() {
  python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
# Like the app server: ignore TIME_WAIT left by our own probes, fail only if something listens.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

# Prints the HTTP status of GET url without following redirects ("000" when nothing answers).
http_status() {
  python3 - "$1" <<'EOF'
import sys, urllib.error, urllib.request

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(NoRedirect)
try:
    with opener.open(sys.argv[1], timeout=10) as response:
        print(response.status)
except urllib.error.HTTPError as exc:
    print(exc.code)
except Exception:
    print("000")
EOF
}

pgid_of() { awk '{print $5}' "/proc/$1/stat" 2>/dev/null || true; }

# Start `make run` in its own session and process group; its pid is the group id.
start_server() {
  local n=$1
  say "run $n: make run PORT=$PORT (log: $WORK/run$n.log)"
  env -u HOST setsid make run PORT="$PORT" </dev/null >"$WORK/run$n.log" 2>&1 &
  SERVER_PID=$!
  sleep 0.2
  local pgid
  pgid=$(pgid_of "$SERVER_PID")
  if [ -n "$pgid" ] && [ "$pgid" != "$SERVER_PID" ]; then
    fail "server pid $SERVER_PID is not its own process group leader (pgid $pgid)"
  fi
}

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# Kill the whole process group of the server (make, the app server and any workers); bounded.
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local pgid=$SERVER_PID
  SERVER_PID=""
  if group_alive "$pgid"; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      group_alive "$pgid" || break
      sleep 0.5
    done
    if group_alive "$pgid"; then
      say "process group $pgid ignored SIGTERM for 20 s; sending SIGKILL"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 1
    fi
  fi
  wait "$pgid" 2>/dev/null || true
}

show_log_tail() {
  say "last lines of $1:"
  tail -n 40 "$1" | sed 's/^/    | /' || true
}

# Wait (bounded) for HTTP 200; fail fast if `make run` exits or the app keeps answering non-200.
wait_ready() {
  local n=$1 url="http://127.0.0.1:$PORT$LOGIN_PATH"
  local start=$SECONDS deadline=$((SECONDS + WAIT_SECS)) first_answer="" status="000"
  say "run $n: waiting up to ${WAIT_SECS}s for HTTP 200 from $url"
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      show_log_tail "$WORK/run$n.log"
      fail "run $n: 'make run' exited before serving $url"
    fi
    status=$(http_status "$url")
    if [ "$status" = 200 ]; then
      say "run $n: HTTP 200 after $((SECONDS - start))s"
      return 0
    fi
    if [ "$status" != 000 ]; then
      [ -n "$first_answer" ] || first_answer=$SECONDS
      if [ $((SECONDS - first_answer)) -ge 60 ]; then
        show_log_tail "$WORK/run$n.log"
        fail "run $n: $url kept answering HTTP $status for 60s"
      fi
    fi
    sleep 2
  done
  show_log_tail "$WORK/run$n.log"
  fail "run $n: no HTTP 200 from $url within ${WAIT_SECS}s (last status $status)"
}

check_accounts() {
  local n=$1
  [ -f "$ACCOUNTS" ] || fail "run $n: $ACCOUNTS does not exist"
  local lines bad
  lines=$(wc -l <"$ACCOUNTS")
  bad=$(awk 'NF != 4 { print NR }' "$ACCOUNTS" | head -n 5 | tr '\n' ' ')
  [ -z "$bad" ] || fail "run $n: $ACCOUNTS has lines without exactly 4 fields (line(s) $bad)"
  [ "$lines" -ge 6 ] || fail "run $n: $ACCOUNTS has $lines line(s), expected at least 6"
  cp -- "$ACCOUNTS" "$WORK/accounts$n.txt"
  say "run $n: $ACCOUNTS ok ($lines accounts)"
}

# Sets SUMMARY_HASH to the sha256 of `partnerdesk demo --summary` (runs in this shell so that
# `fail` records its reason).
summary_hash() {
  local n=$1
  local out="$WORK/summary$n.txt"
  SUMMARY_HASH=""
  [ -x .venv/bin/partnerdesk ] || fail "run $n: .venv/bin/partnerdesk is missing"
  if ! timeout 300 .venv/bin/partnerdesk demo --summary >"$out" 2>"$WORK/summary$n.err"; then
    sed 's/^/    | /' "$WORK/summary$n.err" | tail -n 20
    fail "run $n: '.venv/bin/partnerdesk demo --summary' failed"
  fi
  [ -s "$out" ] || fail "run $n: '.venv/bin/partnerdesk demo --summary' printed nothing"
  SUMMARY_HASH=$(sha256sum <"$out" | awk '{print $1}')
}

command -v python3 >/dev/null 2>&1 || fail "python3 is required"
command -v make >/dev/null 2>&1 || fail "make is required"
command -v setsid >/dev/null 2>&1 || fail "setsid (util-linux) is required"

PORT=$(free_port)
BEFORE=$(date +%s)
had_accounts=no
[ -f "$ACCOUNTS" ] && had_accounts=yes

# ---- first run
start_server 1
wait_ready 1
check_accounts 1
if [ "$had_accounts" = yes ] && [ "$(stat -c %Y "$ACCOUNTS")" -lt "$BEFORE" ]; then
  say "note: $ACCOUNTS predates this run (setup left it unchanged)"
fi
summary_hash 1
HASH1=$SUMMARY_HASH
say "run 1: demo summary sha256 $HASH1"
sed 's/^/    | /' "$WORK/summary1.txt"
stop_server
say "run 1: server process group stopped"

for _ in $(seq 1 30); do
  port_is_free "$PORT" && break
  sleep 1
done
port_is_free "$PORT" || fail "port $PORT still in use 30s after stopping the first server"

# ---- second run: must be idempotent
start_server 2
wait_ready 2
check_accounts 2
cmp -s "$WORK/accounts1.txt" "$WORK/accounts2.txt" \
  || { diff "$WORK/accounts1.txt" "$WORK/accounts2.txt" | head -n 20 || true; fail "$ACCOUNTS changed between runs"; }
summary_hash 2
HASH2=$SUMMARY_HASH
say "run 2: demo summary sha256 $HASH2"
if [ "$HASH1" != "$HASH2" ]; then
  diff "$WORK/summary1.txt" "$WORK/summary2.txt" | head -n 40 || true
  fail "demo summary changed between runs (setup is not idempotent)"
fi
stop_server
say "run 2: server process group stopped"

RESULT=PASS

#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, on loopback, in a folder of its own.
#   scripts/lib/test-postgres.sh start DIR   initialises DIR (new or empty), starts the
#                                            server on a free port, prints its URL
#   scripts/lib/test-postgres.sh stop DIR    stops that server and removes DIR
#   scripts/lib/test-postgres.sh halt DIR    stops that server (fast shutdown), keeps DIR
#   scripts/lib/test-postgres.sh resume DIR  starts a halted server again on its port
# The URL names the superuser `flowcanvas` with the password `flowcanvas-test` (TCP
# connections must give it: the tests check that passwords are passed on) and the
# database `postgres`. PostgreSQL refuses to run as root; run as root, the cluster
# belongs to `nobody`. scripts/test starts one for `swift test`; the tests start their
# own through this script when FLOWCANVAS_TEST_POSTGRES_URL is not set.
set -euo pipefail

pg_bin_dir() {
  local d candidates=()
  command -v pg_ctl >/dev/null 2>&1 && candidates+=("$(dirname "$(command -v pg_ctl)")")
  for d in /usr/lib/postgresql/*/bin; do candidates+=("$d"); done
  for d in "${candidates[@]}"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then echo "$d"; return 0; fi
  done
  echo "test-postgres: PostgreSQL's initdb, pg_ctl and postgres were not found (Debian: apt-get install postgresql)" >&2
  return 1
}

# Runs a command as the cluster's owner: nobody when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local dir=$1 bin port attempt
  bin=$(pg_bin_dir)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$dir"
    if ! runuser -u nobody -- test -w "$dir"; then
      echo "test-postgres: nobody cannot reach $dir (a parent folder is not searchable); point TMPDIR elsewhere" >&2
      return 1
    fi
  fi
  printf 'flowcanvas-test\n' > "$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir/pwfile"
  as_owner "$bin/initdb" -D "$dir/data" -U flowcanvas --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + RANDOM % 40000 ))
    port_is_free "$port" || continue
    if start_server "$bin" "$dir" "$port"; then
      echo "$port" > "$dir/port"
      echo "postgres://flowcanvas:flowcanvas-test@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  echo "test-postgres: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  return 1
}

start_server() {
  local bin=$1 dir=$2 port=$3
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1
}

# A restart's two halves, for tests of what happens while the server is away.
halt() {
  local dir=$1 bin
  bin=$(pg_bin_dir)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

resume() {
  local dir=$1 bin
  bin=$(pg_bin_dir)
  start_server "$bin" "$dir" "$(cat "$dir/port")" || { cat "$dir/server.log" >&2; return 1; }
}

stop() {
  local dir=$1 bin
  bin=$(pg_bin_dir)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  halt) halt "$2" ;;
  resume) resume "$2" ;;
  *) echo "usage: $0 start|stop|halt|resume DIR" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A private PostgreSQL cluster that speaks only TLS, for the sslmode tests (issue 16).
#   scripts/lib/test-postgres-tls.sh start DIR   a cluster as test-postgres.sh starts it, then a
#                                                throwaway CA and server certificate in DIR/tls,
#                                                `ssl = on` and a pg_hba.conf of `hostssl` lines
#                                                only (plain TCP is refused); prints its URL
#   scripts/lib/test-postgres-tls.sh stop DIR    stops it and removes DIR (test-postgres.sh stop)
# DIR/tls holds ca.crt (signs the server's certificate, for sslrootcert=), other-ca.crt (a CA
# that signed nothing, for the unknown-CA case). The server's certificate names only
# DNS:localhost, so verify-full passes for host=localhost and fails for 127.0.0.1. The
# settings take effect by a reload (pg_ctl reload), no restart.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pg_ctl_bin() {
  local d
  command -v pg_ctl >/dev/null 2>&1 && { command -v pg_ctl; return; }
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d/pg_ctl"; return; }; done
  echo "test-postgres-tls: pg_ctl was not found" >&2; return 1
}

make_certificates() {
  local tls=$1 ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  mkdir -p "$tls"
  openssl req -x509 "${ec[@]}" -keyout "$tls/ca.key" -out "$tls/ca.crt" -days 2 \
    -subj "/CN=FlowCanvas test CA" >/dev/null 2>&1
  openssl req -x509 "${ec[@]}" -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt" -days 2 \
    -subj "/CN=FlowCanvas unrelated CA" >/dev/null 2>&1
  openssl req "${ec[@]}" -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=localhost" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial \
    -out "$tls/server.crt" -days 2 -extfile "$tls/server.ext" >/dev/null 2>&1
  # PostgreSQL refuses a key file that others can read.
  chmod 0600 "$tls/server.key"
  if [ "$(id -u)" -eq 0 ]; then chown nobody "$tls/server.key" "$tls/server.crt"; fi
}

start() {
  local dir=$1 url
  url=$("$here/test-postgres.sh" start "$dir")
  make_certificates "$dir/tls" || { echo "test-postgres-tls: openssl could not make the certificates" >&2; return 1; }
  cat >> "$dir/data/postgresql.conf" <<CONF
ssl = on
ssl_cert_file = '$dir/tls/server.crt'
ssl_key_file = '$dir/tls/server.key'
CONF
  cat > "$dir/data/pg_hba.conf" <<HBA
local all all trust
hostssl all all 127.0.0.1/32 scram-sha-256
hostssl all all ::1/128 scram-sha-256
HBA
  as_owner "$(pg_ctl_bin)" -D "$dir/data" reload >/dev/null
  # The reload is asynchronous: wait until the server reports ssl on.
  local attempt
  for attempt in $(seq 100); do
    if [ "$(as_owner psql -h "$dir" -p "$(cat "$dir/port")" -U flowcanvas -d postgres -qAtc 'SHOW ssl' 2>/dev/null)" = on ]; then
      echo "$url"; return 0
    fi
    sleep 0.05
  done
  echo "test-postgres-tls: the server did not turn ssl on; its log:" >&2
  cat "$dir/server.log" >&2 || true
  return 1
}

case "${1:-}" in
  start) start "$2" ;;
  stop) "$here/test-postgres.sh" stop "$2" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

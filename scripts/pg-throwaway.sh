#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster in a temp folder and print `export` lines for it.
# PostgreSQL refuses to run as root, so as root the cluster belongs to an unprivileged
# user created for it. Usage: eval "$(bash scripts/pg-throwaway.sh start)"; ...;
# bash scripts/pg-throwaway.sh stop "$MCP_WARDEN_TEST_PG_DIR"
set -euo pipefail

pgbin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] || { echo "pg-throwaway: PostgreSQL is not installed" >&2; exit 1; }
  echo "$d"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id mcpw-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin mcpw-pg
    runuser -u mcpw-pg -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    BIN=$(pgbin)
    DIR=$(mktemp -d /tmp/mcpw-pg.XXXXXX)
    chmod 755 "$DIR"
    [ "$(id -u)" -eq 0 ] && { id mcpw-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin mcpw-pg; chown mcpw-pg "$DIR"; }
    PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_owner "$BIN/initdb" -D "$DIR/data" -U mcpw --auth=trust -E UTF8 >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "export MCP_WARDEN_TEST_PG_URL=postgres://mcpw@127.0.0.1:$PORT/postgres"
    echo "export MCP_WARDEN_TEST_PG_DIR=$DIR"
    ;;
  stop)
    DIR=${2:?usage: pg-throwaway.sh stop DIR}
    BIN=$(pgbin)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: pg-throwaway.sh start | stop DIR" >&2
    exit 2
    ;;
esac

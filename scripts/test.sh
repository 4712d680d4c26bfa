#!/usr/bin/env bash
# The test command (`npm test`): every test, with the real parts they need.
#  - installs missing system packages (scripts/setup-system.sh; needs root or prints the apt line);
#  - installs node modules if absent;
#  - starts a throwaway PostgreSQL cluster and a private D-Bus session with gnome-keyring;
#  - runs jest (extra arguments pass through: `npm test -- test/unit`).
# Set MCP_WARDEN_SKIP_PG=1 to run without PostgreSQL: the PostgreSQL tests then FAIL
# loudly rather than pass silently, so CI never goes green without them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh
[ -d node_modules ] || npm ci --no-audit --no-fund

cleanup() {
  if [ -n "${MCP_WARDEN_TEST_PG_DIR:-}" ]; then bash scripts/pg-throwaway.sh stop "$MCP_WARDEN_TEST_PG_DIR"; fi
  [ -n "${MCP_WARDEN_KEEP_TEST_BUILD:-}" ] || rm -rf .test-build
}
trap cleanup EXIT

if [ -z "${MCP_WARDEN_SKIP_PG:-}" ] && [ -z "${MCP_WARDEN_TEST_PG_URL:-}" ]; then
  eval "$(bash scripts/pg-throwaway.sh start)"
  echo "test: PostgreSQL at ${MCP_WARDEN_TEST_PG_URL}" >&2
fi

npm run --silent build
dbus-run-session -- bash scripts/with-keyring.sh npx jest --ci "$@"

#!/usr/bin/env bash
# Run a command with a real Secret Service: gnome-keyring unlocked in this (private)
# D-Bus session. Call it under dbus-run-session. An empty password would make the daemon
# ask a graphical prompter and fail, so a throwaway one is used.
set -euo pipefail
eval "$(echo -n 'mcpw-test-keyring' | gnome-keyring-daemon --unlock --replace --components=secrets 2>/dev/null)" || true
export GNOME_KEYRING_CONTROL
export MCP_WARDEN_TEST_KEYRING=1
exec "$@"

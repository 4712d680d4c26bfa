#!/usr/bin/env bash
# Run a command with a real Secret Service: gnome-keyring unlocked in this (private)
# D-Bus session. Call it under dbus-run-session. The keyring files live in a private
# XDG_DATA_HOME, removed afterwards, so concurrent runs (and the real user's keyring) never
# share items. An empty password would make the daemon ask a graphical prompter and fail,
# so a throwaway one is used.
set -euo pipefail
XDG_DATA_HOME=$(mktemp -d /tmp/mcpw-keyring.XXXXXX)
export XDG_DATA_HOME
cleanup() { rm -rf "$XDG_DATA_HOME"; }
trap cleanup EXIT
eval "$(echo -n 'mcpw-test-keyring' | gnome-keyring-daemon --unlock --replace --components=secrets 2>/dev/null)" || true
export GNOME_KEYRING_CONTROL
export MCP_WARDEN_TEST_KEYRING=1
status=0
"$@" || status=$?
exit "$status"

# shellcheck shell=sh
# Shared by the pkg's preinstall/postinstall and by uninstall.sh (sourced, not run).

AGENT_LABEL=com.mcp-warden.agent
AGENT_PLIST=/Library/LaunchAgents/com.mcp-warden.agent.plist
DAEMON_LABEL=com.mcp-warden.system-apply
DAEMON_PLIST=/Library/LaunchDaemons/com.mcp-warden.system-apply.plist
# shellcheck disable=SC2034 # used by the scripts that source this file
SUPPORT_DIR="/Library/Application Support/mcp-warden"

# uids of every logged-in GUI session (fast user switching can give several): each runs a
# loginwindow as that user. uid 0 is the login screen itself, not a user session.
gui_uids() {
  ps -axo uid=,args= | awk '/[l]oginwindow\.app/ && $1 != 0 { print $1 }' | sort -u
}

# Stop the agent in every GUI session (no error if it is not loaded).
stop_agents() {
  for uid in $(gui_uids); do
    launchctl bootout "gui/$uid/$AGENT_LABEL" 2>/dev/null || true
  done
}

# Start the agent in every GUI session now, rather than at the next login. `enable` first
# undoes a `launchctl disable` a user may have run.
start_agents() {
  for uid in $(gui_uids); do
    launchctl enable "gui/$uid/$AGENT_LABEL" 2>/dev/null || true
    launchctl bootstrap "gui/$uid" "$AGENT_PLIST" 2>/dev/null || true
  done
}

stop_daemon() {
  launchctl bootout "system/$DAEMON_LABEL" 2>/dev/null || true
}

start_daemon() {
  if [ -f "$DAEMON_PLIST" ]; then
    launchctl enable "system/$DAEMON_LABEL" 2>/dev/null || true
    launchctl bootstrap system "$DAEMON_PLIST" 2>/dev/null || true
  fi
}

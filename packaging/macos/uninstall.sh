#!/bin/sh
# Uninstall mcp-warden from a Mac. Run as root, e.g. as a Jamf Pro policy script (Jamf
# passes mount point, computer name and user as $1-$3 and the script parameters from $4).
# Self-contained on purpose: an admin uploads this one file to Jamf.
#
#   uninstall.sh            remove the program; keep configuration and state
#   uninstall.sh --purge    also remove /Library/Application Support/mcp-warden (config
#                           files, system state) and Claude Code's managed drop-in
#
# Configuration profiles (agent config, login items, PPPC) are removed by unscoping them
# in the MDM, not here. Users' own state (~/Library/Application Support/mcp-warden:
# quarantine records, logs) is left alone: quarantined entries stay restorable.
set -eu

AGENT_LABEL=com.mcp-warden.agent
AGENT_PLIST=/Library/LaunchAgents/com.mcp-warden.agent.plist
DAEMON_LABEL=com.mcp-warden.system-apply
DAEMON_PLIST=/Library/LaunchDaemons/com.mcp-warden.system-apply.plist
SUPPORT_DIR="/Library/Application Support/mcp-warden"

# Same as scripts/launchd-common.sh (a test keeps the two equal).
gui_uids() {
  ps -axo uid=,args= | awk '/[l]oginwindow\.app/ && $1 != 0 { print $1 }' | sort -u
}

if [ "$(id -u)" -ne 0 ]; then
  echo "uninstall: run as root" >&2
  exit 1
fi

purge=no
for arg in "$@"; do
  case "$arg" in
    --purge | purge) purge=yes ;;
  esac
done

for uid in $(gui_uids); do
  launchctl bootout "gui/$uid/$AGENT_LABEL" 2>/dev/null || true
done
launchctl bootout "system/$DAEMON_LABEL" 2>/dev/null || true
rm -f "$AGENT_PLIST" "$DAEMON_PLIST"
rm -rf "${SUPPORT_DIR:?}/mcp-warden.app" "${SUPPORT_DIR:?}/bin"
pkgutil --forget com.mcp-warden.agent >/dev/null 2>&1 || true

if [ "$purge" = yes ]; then
  rm -rf "$SUPPORT_DIR" /Library/Logs/mcp-warden
  rm -f "/Library/Application Support/ClaudeCode/managed-settings.d/50-mcp-warden.json"
else
  rmdir "$SUPPORT_DIR" 2>/dev/null || true
fi
echo "mcp-warden removed (purge: $purge)"

#!/usr/bin/env bash
# Runs INSIDE sandbox.sh: the whole life of the .deb on a throwaway copy of this machine.
# Prints one observation per line, `key<TAB>value`; deb.test.ts asserts on them.
#
#   deb-lifecycle.sh DEB
set -uo pipefail

deb=${1:?usage: deb-lifecycle.sh DEB}
obs() { printf '%s\t%s\n' "$1" "$2"; }
# Run a command, record its exit code under a key, keep its output for the failure message.
run() {
  local key=$1; shift
  local output
  output=$("$@" 2>&1)
  local status=$?
  obs "$key" "$status"
  [ "$status" -eq 0 ] || obs "$key.output" "$(printf '%s' "$output" | tr '\n\t' '  ' | cut -c1-2000)"
}
mode() { stat -c '%a %U:%G' "$1" 2>/dev/null || echo absent; }
exists() { if [ -e "$1" ] || [ -L "$1" ]; then echo yes; else echo no; fi; }
status() { dpkg-query -W -f='${Status}' mcp-warden 2>/dev/null || echo not-installed; }

wants_user=/etc/systemd/user/default.target.wants
wants_timers=/etc/systemd/system/timers.target.wants
wants_paths=/etc/systemd/system/paths.target.wants

# --- install ---------------------------------------------------------------------------
run install dpkg -i "$deb"
obs install.status "$(status)"
obs bin.link "$(readlink /usr/bin/mcp-warden)"
obs exe.mode "$(mode /usr/lib/mcp-warden/mcp-warden)"
obs keyring.mode "$(mode /usr/lib/mcp-warden/keyring.node)"
obs sqlite.mode "$(mode /usr/lib/mcp-warden/better_sqlite3.node)"
obs libdir.mode "$(mode /usr/lib/mcp-warden)"
obs version "$(cd / && /usr/bin/mcp-warden --version 2>&1)"
obs etc.mode "$(mode /etc/mcp-warden)"
obs state.mode "$(mode /var/lib/mcp-warden)"
obs enabled.user.service "$(readlink "$wants_user/mcp-warden.service")"
obs enabled.user.path "$(readlink "$wants_user/mcp-warden.path")"
obs enabled.system.timer "$(exists "$wants_timers/mcp-warden-system.timer")"
obs enabled.system.path "$(exists "$wants_paths/mcp-warden-system.path")"
obs global.is-enabled "$(systemctl --global is-enabled mcp-warden.service 2>&1)"
run dpkg.verify dpkg --verify mcp-warden
obs files "$(dpkg-query -L mcp-warden | LC_ALL=C sort | tr '\n' ' ')"
obs copyright.node "$(grep -c '^Node.js v24' /usr/share/doc/mcp-warden/copyright)"

# The units as installed (systemd-analyze also checks that ExecStart exists and runs).
mkdir -p /run/user/0
run verify.system systemd-analyze verify /usr/lib/systemd/system/mcp-warden-system.service \
  /usr/lib/systemd/system/mcp-warden-system.timer /usr/lib/systemd/system/mcp-warden-system.path
run verify.user env XDG_RUNTIME_DIR=/run/user/0 systemd-analyze verify --user \
  /usr/lib/systemd/user/mcp-warden.service /usr/lib/systemd/user/mcp-warden.path

# --- what configuration management would deliver --------------------------------------
printf 'org: example-corp\n' >/etc/mcp-warden/agent.yaml
echo state >/var/lib/mcp-warden/policy-state.json
mkdir -p /etc/claude-code/managed-settings.d
echo '{}' >/etc/claude-code/managed-settings.d/50-mcp-warden.json
echo '{}' >/etc/claude-code/managed-settings.d/10-someone-else.json

# --- an admin's choice survives an upgrade ----------------------------------------------
systemctl --global disable mcp-warden.path >/dev/null 2>&1
run upgrade dpkg -i "$deb"
obs upgrade.user.path.enabled "$(exists "$wants_user/mcp-warden.path")"
obs upgrade.user.service.enabled "$(exists "$wants_user/mcp-warden.service")"
systemctl --global enable mcp-warden.path >/dev/null 2>&1

# --- remove: the program goes, configuration stays --------------------------------------
run remove dpkg -r mcp-warden
obs remove.status "$(status)"
obs remove.bin "$(exists /usr/bin/mcp-warden)"
obs remove.libdir "$(exists /usr/lib/mcp-warden)"
obs remove.unit "$(exists /usr/lib/systemd/user/mcp-warden.service)"
obs remove.config "$(cat /etc/mcp-warden/agent.yaml 2>/dev/null || echo absent)"
obs remove.state "$(exists /var/lib/mcp-warden/policy-state.json)"
obs remove.dropin "$(exists /etc/claude-code/managed-settings.d/50-mcp-warden.json)"
obs remove.enablement "$(exists "$wants_user/mcp-warden.service")"

# --- reinstall after remove: enabled again, config untouched -----------------------------
run reinstall dpkg -i "$deb"
obs reinstall.enabled "$(readlink "$wants_user/mcp-warden.service")"
obs reinstall.config "$(cat /etc/mcp-warden/agent.yaml 2>/dev/null || echo absent)"

# --- purge: everything of ours goes, nothing of anyone else's --------------------------
run purge dpkg -P mcp-warden
obs purge.status "$(status)"
obs purge.etc "$(exists /etc/mcp-warden)"
obs purge.state "$(exists /var/lib/mcp-warden)"
obs purge.dropin "$(exists /etc/claude-code/managed-settings.d/50-mcp-warden.json)"
obs purge.other-dropin "$(exists /etc/claude-code/managed-settings.d/10-someone-else.json)"
obs purge.enablement "$(exists "$wants_user/mcp-warden.service")$(exists "$wants_user/mcp-warden.path")$(exists "$wants_timers/mcp-warden-system.timer")$(exists "$wants_paths/mcp-warden-system.path")"
obs purge.leftovers "$(find /usr /etc /var/lib -path /proc -prune -o -name '*mcp-warden*' -print 2>/dev/null | grep -v -e '^/var/lib/dpkg/' -e '^/usr/share/common-licenses' | tr '\n' ' ')"
obs finished yes

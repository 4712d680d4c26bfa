# Shared by the maintainer scripts (build-deb.sh inlines this file where #UNITS# stands,
# since maintainer scripts cannot source files that the package may already have removed).
USER_UNITS="mcp-warden.service mcp-warden.path"
SYSTEM_UNITS="mcp-warden-system.timer mcp-warden-system.path"

# uids with a running user manager (systemd >= 250 can address them as <uid>@).
running_user_managers() {
  systemctl --no-legend --plain list-units 'user@*.service' 2>/dev/null |
    sed -n -E 's/^user@([0-9]+)\.service.*/\1/p'
}

# Run `systemctl --user ARGS` in every running user manager; best effort, never fails.
each_user_manager() {
  for uid in $(running_user_managers); do
    systemctl --quiet --user --machine="$uid@" "$@" >/dev/null 2>&1 || true
  done
}

systemd_running() {
  [ -d /run/systemd/system ]
}

#!/usr/bin/env bash
# Installs the system packages the tests and the quickstart need, when they are missing.
# Debian/Ubuntu (apt). Safe to run again: does nothing when everything is present.
set -euo pipefail

need=()
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || need+=(libsecret-tools)
[ -f /usr/include/libsecret-1/libsecret/secret.h ] || need+=(libsecret-1-dev)  # keytar builds from source
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)                   # plist / ADMX checks
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)                        # real claude reading /etc/claude-code in a sandbox
command -v dpkg-shlibdeps >/dev/null 2>&1 || need+=(dpkg-dev)                 # .deb Depends (packaging)
command -v strip >/dev/null 2>&1 || need+=(binutils)                          # single executable (packaging)
command -v deb-systemd-helper >/dev/null 2>&1 || need+=(init-system-helpers)  # .deb maintainer scripts
[ -x /usr/bin/chromium ] || need+=(chromium)                                  # dashboard browser test (playwright-core)
if ! command -v postgres >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  need+=(postgresql)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: missing system packages: ${need[*]}" >&2
  echo "setup-system: run as root, or: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "setup-system: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

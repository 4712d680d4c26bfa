#!/usr/bin/env bash
# Run a command as root in a throwaway copy of this machine, so that installing, removing
# and purging the .deb never touches the real system while other tests run:
#   - a private mount namespace and PID namespace (everything dies with this script);
#   - the root file system overlaid with a tmpfs: every write (dpkg database, /usr, /etc)
#     lands in memory and is gone on exit;
#   - fresh /proc, /dev bound from the host, empty /run (so no systemd appears to run:
#     maintainer scripts take their "not booted with systemd" paths, as in a chroot);
#   - the folders given with --bind are mounted at the same path, read-write (results)
#     or read-only (--ro-bind: the package).
# bubblewrap 0.8 (Debian 12) has no overlay support, hence plain unshare + mount + chroot.
#
#   sandbox.sh [--bind DIR]... [--ro-bind DIR]... -- COMMAND [ARG]...
set -euo pipefail

binds=()
robinds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bind) binds+=("$2"); shift 2 ;;
    --ro-bind) robinds+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "sandbox: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: sandbox.sh [--bind DIR]... [--ro-bind DIR]... -- COMMAND..." >&2; exit 2; }
if [ "$(id -u)" -ne 0 ]; then
  echo "sandbox: needs root (mount namespaces and overlayfs)" >&2
  exit 77
fi

mnt=$(mktemp -d "${TMPDIR:-/tmp}/mcpw-sandbox.XXXXXX")
trap 'rmdir "$mnt" 2>/dev/null || true' EXIT

# The inner script gets: mount point, number of rw binds, the binds, number of ro binds,
# the ro binds, then the command.
# shellcheck disable=SC2016 # the inner script expands its own arguments
unshare --mount --pid --fork --kill-child --propagation private bash -c '
  set -euo pipefail
  mnt=$1; shift
  n=$1; shift; rw=("${@:1:$n}"); shift "$n"
  n=$1; shift; ro=("${@:1:$n}"); shift "$n"
  mount -t tmpfs -o mode=0755 sandbox "$mnt"
  mkdir "$mnt/upper" "$mnt/work" "$mnt/root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$mnt/upper,workdir=$mnt/work" "$mnt/root"
  r=$mnt/root
  mount -t proc proc "$r/proc"
  mount --rbind /dev "$r/dev"
  mount -t tmpfs -o mode=0755 run "$r/run"
  mount -t tmpfs -o mode=1777 tmp "$r/tmp"
  for d in "${rw[@]}"; do mkdir -p "$r$d"; mount --bind "$d" "$r$d"; done
  for d in "${ro[@]}"; do mkdir -p "$r$d"; mount --bind "$d" "$r$d"; mount -o remount,bind,ro "$r$d"; done
  exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
' sandbox "$mnt" "${#binds[@]}" "${binds[@]}" "${#robinds[@]}" "${robinds[@]}" "$@"

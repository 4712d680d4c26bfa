#!/usr/bin/env bash
# Build the .deb from the Linux install folder (the single executable and its sidecars).
#
#   packaging/linux/build-deb.sh INSTALL_DIR VERSION NOTICES_FILE OUT_DIR
#
# Plain dpkg-deb (no debhelper needed): files are laid out here, dependencies come from
# dpkg-shlibdeps on the real ELF files, ownership is root:root (--root-owner-group).
# Prints the path of the .deb.
set -euo pipefail

inst=${1:?usage: build-deb.sh INSTALL_DIR VERSION NOTICES_FILE OUT_DIR}
version=${2:?usage: build-deb.sh INSTALL_DIR VERSION NOTICES_FILE OUT_DIR}
notices=${3:?usage: build-deb.sh INSTALL_DIR VERSION NOTICES_FILE OUT_DIR}
outdir=${4:?usage: build-deb.sh INSTALL_DIR VERSION NOTICES_FILE OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=$(dpkg --print-architecture)
maintainer=${MCP_WARDEN_DEB_MAINTAINER:-mcp-warden packaging <packaging@mcp-warden.invalid>}
case "$maintainer" in *'|'* | *$'\n'*) echo "build-deb: MCP_WARDEN_DEB_MAINTAINER must be one line without |" >&2; exit 2 ;; esac

for f in mcp-warden keyring.node better_sqlite3.node; do
  [ -f "$inst/$f" ] || { echo "build-deb: $inst/$f is missing" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mcpw-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage="$work/root"
doc="$stage/usr/share/doc/mcp-warden"
install -d -m 0755 "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/mcp-warden" \
  "$stage/usr/lib/systemd/user" "$stage/usr/lib/systemd/system" "$doc/examples"

install -m 0755 "$inst/mcp-warden" "$stage/usr/lib/mcp-warden/mcp-warden"
install -m 0644 "$inst/keyring.node" "$inst/better_sqlite3.node" "$stage/usr/lib/mcp-warden/"
# A symlink, so the executable's real folder (where sidecars are loaded from) stays
# /usr/lib/mcp-warden while rewritten config entries use the stable /usr/bin path.
ln -s ../lib/mcp-warden/mcp-warden "$stage/usr/bin/mcp-warden"
install -m 0644 "$here/systemd/mcp-warden.service" "$here/systemd/mcp-warden.path" "$stage/usr/lib/systemd/user/"
install -m 0644 "$here/systemd/mcp-warden-system.service" "$here/systemd/mcp-warden-system.timer" \
  "$here/systemd/mcp-warden-system.path" "$stage/usr/lib/systemd/system/"
install -m 0644 "$here/debian/README.Debian" "$doc/README.Debian"
install -m 0644 "$root/packaging/common/agent.example.yaml" "$doc/examples/agent.yaml"
{
  echo "mcp-warden ${version}"
  echo
  echo "License: Apache-2.0 (see /usr/share/common-licenses/Apache-2.0)."
  echo
  echo "This package contains Node.js and the third-party packages listed below,"
  echo "each under its own license:"
  echo
  cat "$notices"
} >"$doc/copyright"
chmod 0644 "$doc/copyright"

# Maintainer scripts: the shared unit helpers are inlined where #UNITS# stands.
for script in postinst prerm postrm; do
  awk -v helpers="$here/debian/units.sh" '
    $0 == "#UNITS#" { while ((getline line < helpers) > 0) print line; close(helpers); next }
    { print }
  ' "$here/debian/$script" >"$stage/DEBIAN/$script"
  chmod 0755 "$stage/DEBIAN/$script"
done

# Depends from the ELF files themselves (libc, libstdc++, libgcc versions they need).
mkdir -p "$work/shlibs/debian"
printf 'Source: mcp-warden\n\nPackage: mcp-warden\nArchitecture: any\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O \
  "$stage/usr/lib/mcp-warden/mcp-warden" "$stage/usr/lib/mcp-warden/keyring.node" \
  "$stage/usr/lib/mcp-warden/better_sqlite3.node" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
  -e "s|@INSTALLED_SIZE@|$installed_size|" -e "s|@DEPENDS@|$depends|" \
  "$here/debian/control.in" >"$stage/DEBIAN/control"
(cd "$stage" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

mkdir -p "$outdir"
deb="$outdir/mcp-warden_${version}_${arch}.deb"
# xz (every dpkg since Debian 9 reads it) for releases. Compressing the 100 MB executable
# takes a minute or more on two busy cores, so CI and test builds may choose gzip
# (MCP_WARDEN_DEB_COMPRESSION=gzip): the package's contents are the same.
case "${MCP_WARDEN_DEB_COMPRESSION:-xz}" in
  xz) compress=(-Zxz -z6) ;;
  gzip) compress=(-Zgzip -z6) ;;
  *) echo "build-deb: MCP_WARDEN_DEB_COMPRESSION must be xz or gzip" >&2; exit 2 ;;
esac
dpkg-deb --root-owner-group "${compress[@]}" --build "$stage" "$deb" >/dev/null
echo "$deb"

#!/usr/bin/env bash
# `npm run package`: everything that can be built on a Linux x64 host, into dist/packages/:
#
#   linux-x64/mcp-warden                 the single executable (Node.js 24 SEA)
#   linux-x64/keyring.node               OS keychain addon (@napi-rs/keyring), a sidecar
#   linux-x64/better_sqlite3.node        SQLite addon for `collector serve`, a sidecar
#   mcp-warden_<version>_amd64.deb       the Debian/Ubuntu package
#   mcp-warden-<version>-linux-x64.tar.gz  the same files for other distributions
#   SHA256SUMS, build-info.json
#
# The macOS .pkg and the Windows .intunewin must be built on those systems (signing,
# notarization and the Microsoft tools exist only there): packaging/macos/build-pkg.sh and
# packaging/windows/build.ps1, step by step in docs/packaging.md.
#
# Incremental: the outputs are keyed on a hash of every input (sources, schemas, lockfile,
# packaging/); an unchanged tree is not rebuilt (`--force` rebuilds). Concurrent runs
# (two test workers) serialise on a lock and the second finds the first's result.
#
# Environment:
#   MCP_WARDEN_PACKAGE_OUT     output folder (default dist/packages)
#   MCP_WARDEN_PACKAGE_CACHE   download/compile cache (default ~/.cache/mcp-warden-packaging)
#   MCP_WARDEN_DEB_MAINTAINER  the .deb's Maintainer field
#   MCP_WARDEN_DEB_COMPRESSION xz (default, releases) or gzip (CI: same contents, faster)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${MCP_WARDEN_PACKAGE_OUT:-$root/dist/packages}
if [ -n "${MCP_WARDEN_PACKAGE_CACHE:-}" ]; then
  cache=$MCP_WARDEN_PACKAGE_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ] || [ -n "${HOME:-}" ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/mcp-warden-packaging
else
  cache=$root/dist/.cache # no home (a bare CI environment): a cache for this checkout only
fi
force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: npm run package [-- --force]" >&2; exit 2 ;;
esac

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "package: this script builds the linux-x64 artefacts and runs on Linux x86_64;" >&2
  echo "package: see docs/packaging.md for the macOS and Windows build hosts" >&2
  exit 2
fi
for tool in dpkg-deb dpkg-shlibdeps strip flock; do
  command -v "$tool" >/dev/null 2>&1 || { echo "package: $tool is missing (bash scripts/setup-system.sh)" >&2; exit 1; }
done
[ -d node_modules/esbuild ] || { echo "package: run npm ci first" >&2; exit 1; }

mkdir -p "$out"
exec 9>"$out/.lock"
flock 9

inputs=$(
  {
    find src schemas packaging -type f ! -path '*/build/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum package.json package-lock.json
  } | sha256sum | cut -d' ' -f1
)
version=$(node -p 'require("./package.json").version')
deb="$out/mcp-warden_${version}_amd64.deb"
tarball="$out/mcp-warden-${version}-linux-x64.tar.gz"
inst="$out/linux-x64"
if [ "$force" = 0 ] && [ "$(cat "$out/.inputs" 2>/dev/null)" = "$inputs" ] &&
  [ -f "$deb" ] && [ -f "$tarball" ] && [ -x "$inst/mcp-warden" ]; then
  echo "package: up to date ($out)"
  exit 0
fi

start=$(date +%s)
step() { echo "package: $* ($(($(date +%s) - start)) s)"; }
# Everything is built under .work and moved into place at the end, so that a test still
# running the previous build (another jest worker) never finds a half-built folder.
work="$out/.work"
rm -rf "$work"
stage="$work/linux-x64"
mkdir -p "$work/out" "$stage"

step "Node.js runtime"
node_dir=$(bash packaging/sea/fetch-node.sh linux-x64 "$cache")
node_version=$("$node_dir/bin/node" --version)

step "bundle"
node packaging/sea/bundle.mjs --out "$work/bundle" >/dev/null

step "single executable on node $node_version"
bash packaging/sea/build-sea.sh "$node_dir" "$work/bundle/mcp-warden.cjs" "$stage/mcp-warden"

step "sidecars"
install -m 0644 node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node "$stage/keyring.node"
bash packaging/sea/build-sqlite.sh "$node_dir" "$cache" "$stage/better_sqlite3.node"
node packaging/sea/notices.mjs --node-license "$node_dir/LICENSE" --node-version "$node_version" \
  --bundle-notices "$work/bundle/THIRD-PARTY-NOTICES.txt" --out "$work/THIRD-PARTY-NOTICES.txt"
install -m 0644 "$work/THIRD-PARTY-NOTICES.txt" "$stage/THIRD-PARTY-NOTICES.txt"

step ".deb"
bash packaging/linux/build-deb.sh "$stage" "$version" "$work/THIRD-PARTY-NOTICES.txt" "$work/out" >/dev/null

step "tarball"
tardir="$work/mcp-warden-${version}-linux-x64"
mkdir -p "$tardir/systemd/user" "$tardir/systemd/system"
cp -p "$stage"/* "$tardir/"
cp packaging/linux/systemd/mcp-warden.service packaging/linux/systemd/mcp-warden.path "$tardir/systemd/user/"
cp packaging/linux/systemd/mcp-warden-system.* "$tardir/systemd/system/"
cp packaging/common/agent.example.yaml "$tardir/agent.example.yaml"
tar --owner=0 --group=0 --numeric-owner -C "$work" -czf "$work/out/$(basename "$tarball")" "mcp-warden-${version}-linux-x64"

step "into place"
rm -f "$out/.inputs" "$out"/mcp-warden_*.deb "$out"/mcp-warden-*-linux-x64.tar.gz
mv "$work/out/$(basename "$deb")" "$deb"
mv "$work/out/$(basename "$tarball")" "$tarball"
rm -rf "$out/linux-x64.old"
if [ -d "$inst" ]; then mv "$inst" "$out/linux-x64.old"; fi
mv "$stage" "$inst"
rm -rf "$out/linux-x64.old"
(cd "$out" && sha256sum "$(basename "$deb")" "$(basename "$tarball")" linux-x64/* >SHA256SUMS)
elapsed=$(($(date +%s) - start))
node -e '
  const fs = require("node:fs"), path = require("node:path");
  const [out, version, node, inputs, seconds, ...files] = process.argv.slice(1);
  const sizes = Object.fromEntries(files.map((f) => [path.relative(out, f), fs.statSync(f).size]));
  fs.writeFileSync(path.join(out, "build-info.json"), JSON.stringify({ version, node, inputs, seconds: Number(seconds), sizes }, null, 2) + "\n");
' "$out" "$version" "$node_version" "$inputs" "$elapsed" "$deb" "$tarball" "$inst/mcp-warden" "$inst/keyring.node" "$inst/better_sqlite3.node"
rm -rf "$work"
echo "$inputs" >"$out/.inputs"
step "done: $out"
ls -l "$deb" "$tarball" "$inst"

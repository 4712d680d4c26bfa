#!/usr/bin/env bash
# Fetch the pinned Node.js build for one platform from the npm registry (the node-<os>-<arch>
# packages carry the official binaries and headers) into a cache folder, verify it against
# the integrity pinned in node-release.json, and print the folder (bin/node, include/node).
#
#   packaging/sea/fetch-node.sh linux-x64 CACHE_DIR
#
# Uses `npm pack` (the ordinary client; no other download path). Safe to run concurrently
# with itself for different cache folders; build.sh holds a lock for the shared one.
set -euo pipefail

platform=${1:?usage: fetch-node.sh PLATFORM CACHE_DIR}
cache=${2:?usage: fetch-node.sh PLATFORM CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck disable=SC2016 # JavaScript in single quotes
read -r version pkg integrity < <(node -e '
  const r = require(process.argv[1]);
  const p = r.npm[process.argv[2]];
  if (!p) { console.error(`fetch-node: no npm package pinned for ${process.argv[2]}`); process.exit(2); }
  console.log(r.version, p.package, p.integrity);
' "$here/node-release.json" "$platform")

dir="$cache/$pkg-$version"
if [ -x "$dir/bin/node" ] && [ "$(cat "$dir/.integrity" 2>/dev/null)" = "$integrity" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "$pkg@$version" --silent >/dev/null)
tgz="$tmp/$pkg-$version.tgz"
# Our own check, independent of npm's: the tarball must be exactly the pinned one.
got=$(node -e '
  const c = require("node:crypto"), fs = require("node:fs");
  console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));
' "$tgz")
if [ "$got" != "$integrity" ]; then
  echo "fetch-node: $pkg@$version integrity mismatch: got $got, pinned $integrity" >&2
  exit 1
fi
mkdir "$tmp/x"
tar -xzf "$tgz" -C "$tmp/x"
if [ "$platform" != "win-x64" ]; then
  actual=$("$tmp/x/package/bin/node" --version 2>/dev/null || true)
  if [ -n "$actual" ] && [ "$actual" != "v$version" ]; then
    echo "fetch-node: $pkg@$version contains node $actual" >&2
    exit 1
  fi
fi
echo "$integrity" >"$tmp/x/package/.integrity"
rm -rf "$dir"
mv "$tmp/x/package" "$dir"
echo "$dir"

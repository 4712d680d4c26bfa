#!/usr/bin/env bash
# Build better-sqlite3's addon (the collector's SQLite store) against the headers of the
# pinned Node.js release, so it loads in the single executable. better-sqlite3 has no
# prebuilt binary reachable from here; it compiles SQLite from source (about 70 s on two
# cores), so the result is cached under CACHE_DIR, keyed on everything that goes into it.
#
#   packaging/sea/build-sqlite.sh NODE_DIR CACHE_DIR OUT_FILE
#
# NODE_DIR is what fetch-node.sh printed (bin/node + include/node).
set -euo pipefail

node_dir=${1:?usage: build-sqlite.sh NODE_DIR CACHE_DIR OUT_FILE}
cache=${2:?usage: build-sqlite.sh NODE_DIR CACHE_DIR OUT_FILE}
out=${3:?usage: build-sqlite.sh NODE_DIR CACHE_DIR OUT_FILE}
root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/node_modules/better-sqlite3"

[ -f "$src/binding.gyp" ] || { echo "build-sqlite: $src is missing (npm ci first)" >&2; exit 1; }
[ -f "$node_dir/include/node/node_api.h" ] || { echo "build-sqlite: no Node headers in $node_dir/include/node" >&2; exit 1; }

node_version=$("$node_dir/bin/node" --version)
# Runs on Linux and on the macOS build host (build-pkg.sh): no GNU-only tools below.
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
key=$(
  {
    echo "node $node_version $(uname -sm)"
    c++ --version 2>/dev/null | head -n1
    cd "$src" && find binding.gyp package.json src deps -type f -print0 | LC_ALL=C sort -z |
      while IFS= read -r -d '' f; do sha256 "$f"; done
  } | sha256 | cut -c1-32
)
cached="$cache/better-sqlite3/$key/better_sqlite3.node"
if [ -f "$cached" ]; then
  install -m 0644 "$cached" "$out"
  echo "build-sqlite: cached ($key)" >&2
  exit 0
fi

# npm's own node-gyp (ships with npm; no separate download).
npm_cli=$(readlink -f "$(command -v npm)")
gyp="$(dirname "$npm_cli")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$root/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || { echo "build-sqlite: node-gyp not found next to npm" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mcpw-sqlite.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$src/binding.gyp" "$src/src" "$src/deps" "$src/package.json" "$work/"
rm -rf "$work/build"
echo "build-sqlite: compiling better-sqlite3 for node $node_version (about a minute)" >&2
# --nodedir: the headers of the release we inject into, not the Node running this script.
# The flag alone is not enough: under `npm run`, npm exports its config as npm_config_*
# (a machine whose npmrc says nodedir=/usr gets npm_config_nodedir=/usr), and node-gyp
# takes those over its own flags, building for the running Node's ABI (issue 13). So the
# compile runs with every npm_config_* variable removed (nodedir, target, runtime, arch,
# disturl, devdir, ... whatever npm's config holds), and the load check below still
# proves the result.
gyp_env=(env)
for name in $(compgen -e); do
  case "$name" in npm_config_* | NPM_CONFIG_*) gyp_env+=(-u "$name") ;; esac
done
(cd "$work" && "${gyp_env[@]}" node "$gyp" rebuild --release --nodedir="$node_dir" --jobs="$cpus" >"$work/build.log" 2>&1) || {
  tail -n 40 "$work/build.log" >&2
  exit 1
}
built="$work/build/Release/better_sqlite3.node"
case "$(uname -s)" in
  Darwin) strip -x "$built" ;;
  *) strip --strip-unneeded "$built" ;;
esac
# Load it with the target Node before caching: a wrong ABI fails here, not on a server.
"$node_dir/bin/node" -e 'const m = { exports: {} }; process.dlopen(m, process.argv[1]); if (typeof m.exports.Database !== "function") process.exit(1);' "$built"
mkdir -p "$(dirname "$cached")"
install -m 0644 "$built" "$cached.tmp"
mv "$cached.tmp" "$cached"
# Older builds (other versions, compilers) are never used again.
find "$cache/better-sqlite3" -mindepth 1 -maxdepth 1 ! -name "$key" -exec rm -rf {} +
install -m 0644 "$cached" "$out"

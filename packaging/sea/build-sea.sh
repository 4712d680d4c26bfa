#!/usr/bin/env bash
# Make the single executable on an ELF (Linux) host: V8 code caches from training runs
# (train-cache.cjs), the SEA blob (main sea-main.cjs, the bundle and the caches as assets)
# made by the very Node binary it is injected into, then strip, then inject, then prove it
# runs and that V8 accepts the caches.
#
#   packaging/sea/build-sea.sh NODE_DIR BUNDLE.cjs OUT_EXE
#
# The order matters (reference/packaging.md §4): stripping AFTER injection gives a binary
# that segfaults; a blob made by another Node version also segfaults (checked here: a
# Node 20 blob in the Node 24 binary exits 139), which is why the smoke run below is the
# blob-version check.
set -euo pipefail

node_dir=${1:?usage: build-sea.sh NODE_DIR BUNDLE OUT_EXE}
bundle=${2:?usage: build-sea.sh NODE_DIR BUNDLE OUT_EXE}
out=${3:?usage: build-sea.sh NODE_DIR BUNDLE OUT_EXE}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
node_bin="$node_dir/bin/node"
fuse=NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2
# The executable's execArgv (why: below); the code cache training runs with it too.
exec_argv=--max-semi-space-size=1

pinned=v$(node -p 'require(process.argv[1]).version' "$here/node-release.json")
actual=$("$node_bin" --version)
if [ "$actual" != "$pinned" ]; then
  echo "build-sea: $node_bin is $actual, node-release.json pins $pinned" >&2
  exit 1
fi
if ! grep -q "$fuse:0" "$node_bin"; then
  echo "build-sea: $node_bin has no unflipped SEA fuse (not an official build?)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mcpw-sea.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The warm code caches (issue 17, cheap launches): Node's useCodeCache below is made right
# after compiling, before anything runs, so it holds only what V8 compiles eagerly (little:
# V8 compiles a function when it is first called); a training run's cache holds every
# function that run called: `launch` from one exec (for exec and headers), `cli` from
# --version (the command tree, for every other command). Made by the same Node binary with
# the executable's execArgv: V8 rejects a cache from another V8 version or other flags.
# The training's keychain is in memory (train-cache.cjs): no D-Bus, no keyring daemon.
for kind in launch:exec cli:cli; do
  "$node_bin" "$exec_argv" "$here/train-cache.cjs" "$bundle" "$work/${kind%%:*}.cache" "${kind#*:}" >>"$work/train.log" 2>&1 || {
    cat "$work/train.log" >&2
    exit 1
  }
done

# useCodeCache (now of sea-main.cjs only, which is small; the bundle has its trained cache):
# exec and headers are started by Claude Code on every server launch, so start-up time
# matters; a cache is only valid for this exact V8, which the version pin guarantees. execArgvExtension none: NODE_OPTIONS from a (possibly hostile) server
# entry's env must not inject code into `mcp-warden exec` before it checks pins.
# execArgv --max-semi-space-size=1 (MiB): Node 24 lets the young generation grow to
# 32 MiB under a burst of messages and keeps it, and a tool-pinning `exec` stays resident
# for its server's whole life, once per server (issue 17: about 6 MiB of private memory
# less per proxy after a burst, shorter scavenge pauses). 1 MiB is V8's starting size, so
# short commands are unaffected; a busy collector scavenges more often.
node -e '
  const [main, output, cli, launchCache, cliCache, execArg] = process.argv.slice(1);
  process.stdout.write(JSON.stringify({
    main, output,
    assets: { "cli.cjs": cli, "launch.cache": launchCache, "cli.cache": cliCache },
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: true,
    execArgvExtension: "none",
    execArgv: [execArg],
  }, null, 2));
' "$here/sea-main.cjs" "$work/sea-prep.blob" "$bundle" "$work/launch.cache" "$work/cli.cache" "$exec_argv" >"$work/sea-config.json"
"$node_bin" --experimental-sea-config "$work/sea-config.json" >"$work/blob.log" 2>&1 || {
  cat "$work/blob.log" >&2
  exit 1
}

cp "$node_bin" "$work/exe"
chmod u+w "$work/exe"
strip "$work/exe"
# postject warns "Can't find string offset for section name '.note.100'" on ELF: harmless.
"$root/node_modules/.bin/postject" "$work/exe" NODE_SEA_BLOB "$work/sea-prep.blob" \
  --sentinel-fuse "$fuse" >"$work/postject.log" 2>&1 || {
  cat "$work/postject.log" >&2
  exit 1
}
chmod 0755 "$work/exe"

expected=$(node -p 'require(process.argv[1]).version' "$root/package.json")
got=$(cd / && MCP_WARDEN_SEA_CACHE_CHECK=1 "$work/exe" --version 2>"$work/smoke.err") || {
  status=$?
  cat "$work/smoke.err" >&2
  # 139 (SIGSEGV) is what a blob from another Node version does.
  echo "build-sea: the executable failed its smoke run (--version, exit $status)" >&2
  exit 1
}
if [ "$got" != "$expected" ]; then
  echo "build-sea: the executable printed version '$got', package.json says '$expected'" >&2
  exit 1
fi
# A cache is only worth shipping if V8 takes it (script.cachedDataRejected === false): the
# cli cache in the --version run above, the launch cache in an `exec` (a usage error, exit 2;
# the cache is taken before the command line is read).
(cd / && MCP_WARDEN_SEA_CACHE_CHECK=1 "$work/exe" exec >/dev/null 2>>"$work/smoke.err") || true
if [ "$(grep -cx 'mcp-warden: code cache accepted' "$work/smoke.err")" != 2 ]; then
  cat "$work/smoke.err" >&2
  echo "build-sea: V8 rejected a code cache in the smoke runs" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
mv "$work/exe" "$out"

#!/bin/bash
# Build the signed, notarized macOS installer package for Jamf Pro. Runs ON macOS (13.5+,
# Xcode command line tools), from a checkout with `npm ci` done, with the pinned Node.js
# release installed (packaging/sea/node-release.json; the official installer or tarball
# for the target architecture). Written for the bash 3.2 that macOS ships.
#
#   packaging/macos/build-pkg.sh \
#     --arch arm64 \
#     --app-identity "Developer ID Application: Example Corp (ABCDE12345)" \
#     --installer-identity "Developer ID Installer: Example Corp (ABCDE12345)" \
#     --notary-profile mcp-warden-notary \
#     [--node /usr/local/bin/node] [--with-system-apply] [--out dist/packages]
#
#   --unsigned instead of the identities: ad-hoc signed, not notarized (local testing
#   only; Gatekeeper and the keychain's access control treat every build as new).
#
# The notary profile is made once per build host:
#   xcrun notarytool store-credentials mcp-warden-notary --apple-id … --team-id … --password …
#
# Output: OUT/mcp-warden-<version>-macos-<arch>.pkg (signed, notarized, stapled).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
arch=""
app_id=""
installer_id=""
notary_profile=""
node_bin=$(command -v node || true)
with_daemon=no
unsigned=no
out="$root/dist/packages"

while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=$2; shift 2 ;;
    --app-identity) app_id=$2; shift 2 ;;
    --installer-identity) installer_id=$2; shift 2 ;;
    --notary-profile) notary_profile=$2; shift 2 ;;
    --node) node_bin=$2; shift 2 ;;
    --with-system-apply) with_daemon=yes; shift ;;
    --unsigned) unsigned=yes; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "build-pkg: unknown option $1" >&2; exit 2 ;;
  esac
done

die() { echo "build-pkg: $*" >&2; exit 1; }
[ "$(uname -s)" = Darwin ] || die "runs on macOS only (pkgbuild, codesign, notarytool)"
case "$arch" in arm64 | x86_64) ;; *) die "--arch arm64|x86_64 is required" ;; esac
if [ "$unsigned" = no ]; then
  if [ -z "$app_id" ] || [ -z "$installer_id" ] || [ -z "$notary_profile" ]; then
    die "--app-identity, --installer-identity and --notary-profile are required (or --unsigned)"
  fi
fi
[ -x "$node_bin" ] || die "no node binary (--node)"
json() { node -p "require(process.argv[1]).$2" "$1"; }
pinned="v$(json "$here/../sea/node-release.json" version)"
actual=$("$node_bin" --version)
[ "$actual" = "$pinned" ] || die "$node_bin is $actual; node-release.json pins $pinned (the SEA blob must come from the binary it goes into)"
[ "$arch" = "$(uname -m)" ] || die "build the $arch package on a $arch Mac (better-sqlite3 compiles for the host only)"
lipo "$node_bin" -verify_arch "$arch" || die "$node_bin has no $arch slice"
node_dir=$(cd "$(dirname "$node_bin")/.." && pwd)
if [ ! -f "$node_dir/include/node/node_api.h" ] || [ ! -f "$node_dir/LICENSE" ]; then
  die "use the official Node.js release tarball, extracted (include/node and LICENSE beside bin/node)"
fi
[ -d "$root/node_modules/esbuild" ] || die "run npm ci first"

version=$(json "$root/package.json" version)
keyring_version=$(json "$root/node_modules/@napi-rs/keyring/package.json" version)
case "$arch" in arm64) napi_arch=arm64 ;; x86_64) napi_arch=x64 ;; esac
fuse=NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2
work=$(mktemp -d "${TMPDIR:-/tmp}/mcpw-pkg.XXXXXX")
trap 'rm -rf "$work"' EXIT
payload="$work/root"
support="$payload/Library/Application Support/mcp-warden"
app="$support/mcp-warden.app"
macos="$app/Contents/MacOS"
mkdir -p "$macos" "$support/bin" "$payload/Library/LaunchAgents"

echo "build-pkg: bundle"
node "$root/packaging/sea/bundle.mjs" --out "$work/bundle" >/dev/null

echo "build-pkg: single executable ($arch, node $actual)"
cat >"$work/sea-config.json" <<JSON
{
  "main": "$work/bundle/mcp-warden.cjs",
  "output": "$work/sea-prep.blob",
  "disableExperimentalSEAWarning": true,
  "useSnapshot": false,
  "useCodeCache": true,
  "execArgvExtension": "none"
}
JSON
# The target binary itself makes the blob (same version, same V8 code cache).
"$node_bin" --experimental-sea-config "$work/sea-config.json" >/dev/null
cp "$node_bin" "$macos/mcp-warden"
chmod u+w "$macos/mcp-warden"
codesign --remove-signature "$macos/mcp-warden"
"$root/node_modules/.bin/postject" "$macos/mcp-warden" NODE_SEA_BLOB "$work/sea-prep.blob" \
  --sentinel-fuse "$fuse" --macho-segment-name NODE_SEA >/dev/null
chmod 0755 "$macos/mcp-warden"

echo "build-pkg: sidecars"
# The addon for the target, exactly as package-lock.json pins it.
(cd "$work" && npm pack "@napi-rs/keyring-darwin-$napi_arch@$keyring_version" --silent >/dev/null)
tgz="$work/napi-rs-keyring-darwin-$napi_arch-$keyring_version.tgz"
# shellcheck disable=SC2016 # JavaScript in single quotes
node -e '
  const [lock, name, file] = process.argv.slice(1);
  const want = require(lock).packages["node_modules/" + name].integrity;
  const got = "sha512-" + require("node:crypto").createHash("sha512").update(require("node:fs").readFileSync(file)).digest("base64");
  if (got !== want) { console.error(`build-pkg: ${name} integrity ${got} differs from package-lock.json (${want})`); process.exit(1); }
' "$root/package-lock.json" "@napi-rs/keyring-darwin-$napi_arch" "$tgz"
mkdir "$work/keyring" && tar -xzf "$tgz" -C "$work/keyring"
install -m 0644 "$work/keyring/package/keyring.darwin-$napi_arch.node" "$macos/keyring.node"
bash "$root/packaging/sea/build-sqlite.sh" "$node_dir" "${MCP_WARDEN_PACKAGE_CACHE:-$HOME/Library/Caches/mcp-warden-packaging}" "$macos/better_sqlite3.node"
install -m 0644 "$root/packaging/macos/entitlements.plist" "$work/entitlements.plist"
sed "s/__VERSION__/$version/g" "$here/Info.plist" >"$app/Contents/Info.plist"
mkdir -p "$app/Contents/Resources"
node "$root/packaging/sea/notices.mjs" --node-license "$node_dir/LICENSE" --node-version "$actual" \
  --bundle-notices "$work/bundle/THIRD-PARTY-NOTICES.txt" --out "$app/Contents/Resources/THIRD-PARTY-NOTICES.txt"

echo "build-pkg: code signing"
# Inside out, never --deep: each addon, then the bundle (which signs its main executable
# with the entitlements). Hardened runtime + secure timestamp are what notarization needs.
if [ "$unsigned" = yes ]; then
  codesign --force --sign - "$macos/keyring.node" "$macos/better_sqlite3.node"
  codesign --force --sign - --options runtime --entitlements "$work/entitlements.plist" "$app"
else
  codesign --force --timestamp --options runtime --sign "$app_id" "$macos/keyring.node" "$macos/better_sqlite3.node"
  codesign --force --timestamp --options runtime --entitlements "$work/entitlements.plist" --sign "$app_id" "$app"
fi
codesign --verify --strict --deep --verbose=2 "$app"
got=$(cd / && "$macos/mcp-warden" --version) || die "the signed executable does not start"
[ "$got" = "$version" ] || die "the executable printed '$got', expected '$version'"

echo "build-pkg: payload"
ln -s ../mcp-warden.app/Contents/MacOS/mcp-warden "$support/bin/mcp-warden"
install -m 0755 "$here/uninstall.sh" "$support/uninstall.sh"
install -m 0644 "$here/com.mcp-warden.agent.plist" "$payload/Library/LaunchAgents/"
if [ "$with_daemon" = yes ]; then
  mkdir -p "$payload/Library/LaunchDaemons"
  install -m 0644 "$here/com.mcp-warden.system-apply.plist" "$payload/Library/LaunchDaemons/"
fi
mkdir -p "$work/scripts"
install -m 0755 "$here/scripts/preinstall" "$here/scripts/postinstall" "$work/scripts/"
install -m 0644 "$here/scripts/launchd-common.sh" "$work/scripts/"

echo "build-pkg: pkgbuild"
pkgbuild --analyze --root "$payload" "$work/component.plist" >/dev/null
# Never "relocate" the app to wherever Installer finds another copy; always overwrite.
count=$(plutil -convert json -o - "$work/component.plist" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).length))')
i=0
while [ "$i" -lt "$count" ]; do
  plutil -replace "$i.BundleIsRelocatable" -bool NO "$work/component.plist"
  plutil -replace "$i.BundleIsVersionChecked" -bool NO "$work/component.plist"
  plutil -replace "$i.BundleOverwriteAction" -string upgrade "$work/component.plist"
  i=$((i + 1))
done
pkgbuild --root "$payload" --component-plist "$work/component.plist" --scripts "$work/scripts" \
  --identifier com.mcp-warden.agent --version "$version" --install-location / \
  --ownership recommended "$work/mcp-warden-component.pkg" >/dev/null

echo "build-pkg: productbuild"
sed -e "s/__VERSION__/$version/g" -e "s/__ARCH__/$arch/g" "$here/Distribution.xml" >"$work/Distribution.xml"
mkdir -p "$out"
pkg="$out/mcp-warden-$version-macos-$arch.pkg"
if [ "$unsigned" = yes ]; then
  productbuild --distribution "$work/Distribution.xml" --package-path "$work" "$pkg" >/dev/null
else
  productbuild --distribution "$work/Distribution.xml" --package-path "$work" \
    --sign "$installer_id" --timestamp "$pkg" >/dev/null
  pkgutil --check-signature "$pkg"
  echo "build-pkg: notarization (a few minutes)"
  xcrun notarytool submit "$pkg" --keychain-profile "$notary_profile" --wait
  xcrun stapler staple "$pkg"
  spctl --assess --type install --verbose=2 "$pkg"
fi
shasum -a 256 "$pkg"
echo "build-pkg: $pkg"

// THIRD-PARTY-NOTICES.txt for a shipped install folder: Node.js (the runtime inside the
// single executable), every npm package bundled into it (from bundle.mjs), and the native
// sidecars. Shared by the Linux, macOS and Windows builds.
//
//   node packaging/sea/notices.mjs --node-license FILE --node-version vX \
//        --bundle-notices DIR/THIRD-PARTY-NOTICES.txt --out FILE
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The packages whose compiled code ships as sidecars (their license covers the .node file). */
const NATIVE = ['@napi-rs/keyring', 'better-sqlite3'];
const RULE = '='.repeat(72);

function section(title, text) {
  return `${RULE}\n${title}\n${RULE}\n${text.trim()}\n`;
}

function packageLicense(name) {
  const dir = path.join(ROOT, 'node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  const text = file ? fs.readFileSync(path.join(dir, file), 'utf8') : `License: ${pkg.license}`;
  return section(`${name}@${pkg.version} (${pkg.license}; native addon)`, text);
}

export function notices({ nodeLicense, nodeVersion, bundleNotices }) {
  return [
    section(`Node.js ${nodeVersion} (MIT and the licenses of its dependencies, below)`, fs.readFileSync(nodeLicense, 'utf8')),
    fs.readFileSync(bundleNotices, 'utf8').trim() + '\n',
    ...NATIVE.map(packageLicense),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? process.argv[i + 1] : undefined;
    if (!v) {
      process.stderr.write('usage: notices.mjs --node-license FILE --node-version vX --bundle-notices FILE --out FILE\n');
      process.exit(2);
    }
    return v;
  };
  fs.writeFileSync(
    arg('--out'),
    notices({ nodeLicense: arg('--node-license'), nodeVersion: arg('--node-version'), bundleNotices: arg('--bundle-notices') }),
  );
}

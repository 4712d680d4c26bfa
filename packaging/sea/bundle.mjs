// Bundles src/cli/entry.ts into ONE CommonJS file for the Node single executable, and
// writes the third-party notices for everything that went into it.
//
//   node packaging/sea/bundle.mjs --out DIR
//     → DIR/mcp-warden.cjs, DIR/meta.json, DIR/THIRD-PARTY-NOTICES.txt
//
// Inside a single executable require() only loads built-in modules, so every dependency
// is bundled. Native addons cannot be bundled: each `.node` file becomes a call to
// sidecar-loader.cjs, which dlopens the file of the same name next to the executable.
// Platform-neutral: macOS and Windows build hosts run this same script.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const LOADER = path.join(HERE, 'sidecar-loader.cjs');

/** Sidecar file names the install folder may hold. A new native dependency must be added here on purpose. */
export const SIDECARS = ['keyring.node', 'better_sqlite3.node', 'keytar.node'];
/** Optional requires of bundled packages that we never install (left as runtime requires that fail softly). */
const EXTERNAL = ['pg-native'];

function sidecarName(request) {
  const base = path.basename(request);
  // @napi-rs/keyring names its file per platform (keyring.linux-x64-gnu.node); the install
  // folder holds the one for its platform under a fixed name.
  if (/^keyring\..+\.node$/.test(base)) return 'keyring.node';
  return base.endsWith('.node') ? base : `${base}.node`;
}

function loadSidecarModule(name) {
  if (!SIDECARS.includes(name)) {
    throw new Error(`native module ${name} is not a known sidecar (packaging/sea/bundle.mjs SIDECARS)`);
  }
  return `module.exports = require(${JSON.stringify(LOADER)}).loadSidecar(${JSON.stringify(name)});\n`;
}

// jsonc-parser's `main` is a UMD build whose factory requires './impl/…' at run time,
// which no bundler can follow; its ESM build is the same code with static imports.
const umdPlugin = {
  name: 'mcp-warden-umd',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, (args) => ({
      path: path.join(
        path.dirname(createRequire(args.importer || ROOT + '/').resolve('jsonc-parser/package.json')),
        'lib',
        'esm',
        'main.js',
      ),
    }));
  },
};

const sidecarPlugin = {
  name: 'mcp-warden-sidecars',
  setup(build) {
    // Any require of a compiled addon (keytar: '../build/Release/keytar.node').
    build.onResolve({ filter: /\.node$/ }, (args) => ({ path: sidecarName(args.path), namespace: 'sidecar' }));
    // better-sqlite3 finds its addon through the `bindings` package, which searches
    // node_modules build folders at run time: replace it with the sidecar lookup.
    build.onResolve({ filter: /^bindings$/ }, () => ({ path: 'bindings', namespace: 'sidecar-bindings' }));
    build.onLoad({ filter: /.*/, namespace: 'sidecar' }, (args) => ({
      contents: loadSidecarModule(args.path),
      loader: 'js',
      resolveDir: HERE,
    }));
    build.onLoad({ filter: /.*/, namespace: 'sidecar-bindings' }, () => {
      const allowed = JSON.stringify(SIDECARS);
      return {
        contents:
          `const { loadSidecar } = require(${JSON.stringify(LOADER)});\n` +
          `const allowed = ${allowed};\n` +
          'module.exports = function bindings(opts) {\n' +
          "  let name = typeof opts === 'string' ? opts : opts.bindings;\n" +
          "  if (!name.endsWith('.node')) name += '.node';\n" +
          "  if (!allowed.includes(name)) throw new Error('native module ' + name + ' is not shipped with mcp-warden');\n" +
          '  return loadSidecar(name);\n' +
          '};\n',
        loader: 'js',
        resolveDir: HERE,
      };
    });
    // @napi-rs/keyring's index.js probes a dozen platform packages. Replace it with the
    // sidecar, loaded lazily on first use, so commands that never touch the keychain
    // (collector, allowlist tools) do not need the addon.
    build.onLoad({ filter: /[\\/]node_modules[\\/]@napi-rs[\\/]keyring[\\/]index\.js$/ }, (args) => {
      const original = fs.readFileSync(args.path, 'utf8');
      const names = [...original.matchAll(/^module\.exports\.(\w+)\s*=/gm)].map((m) => m[1]);
      if (names.length === 0) throw new Error(`no exports found in ${args.path}: the keyring loader changed shape`);
      const lines = [
        `const { loadSidecar } = require(${JSON.stringify(LOADER)});`,
        'let binding;',
        "const native = () => (binding ??= loadSidecar('keyring.node'));",
        ...names.map((n) => `Object.defineProperty(module.exports, ${JSON.stringify(n)}, { enumerable: true, get: () => native().${n} });`),
      ];
      return { contents: lines.join('\n') + '\n', loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** Package folders (…/node_modules/<name>) that contributed code to the bundle. */
function bundledPackages(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
    if (m) dirs.add(path.resolve(ROOT, m[1]));
  }
  return [...dirs].sort();
}

function licenseText(dir) {
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : undefined;
}

export function thirdPartyNotices(metafile) {
  const parts = [];
  for (const dir of bundledPackages(metafile)) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const text = licenseText(dir) ?? `License: ${pkg.license ?? 'see package'} (no license file shipped)`;
    parts.push(`${'='.repeat(72)}\n${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n${'='.repeat(72)}\n${text}\n`);
  }
  return parts.join('\n');
}

/**
 * esbuild's `charset: 'ascii'` escapes strings, identifiers and regular expressions, not the
 * comments it keeps (JSDoc inside classes and objects): escape those too, so the source is
 * one-byte. Only whole comment lines are touched; anything else non-ASCII is left alone and
 * named (it costs start-up time, not correctness).
 */
function asciiComments(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let left = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!/[^\x00-\x7f]/.test(line)) continue;
    if (/^\s*(\/\/|\/\*|\*)/.test(line)) {
      lines[i] = line.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    } else {
      left++;
      console.warn(`bundle: line ${i + 1} of ${path.basename(file)} is not ASCII (a slower start): ${line.trim().slice(0, 80)}`);
    }
  }
  fs.writeFileSync(file, lines.join('\n'));
  return left;
}

export async function bundle(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'mcp-warden.cjs');
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'entry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    outfile,
    external: EXTERNAL,
    plugins: [umdPlugin, sidecarPlugin],
    metafile: true,
    legalComments: 'none', // collected into THIRD-PARTY-NOTICES.txt instead
    // ASCII only: one non-ASCII character makes V8 hold the whole 3 MB source as a two-byte
    // string, and the single executable decodes it from UTF-8 at every start (sea-main.cjs).
    charset: 'ascii',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  asciiComments(outfile);
  fs.writeFileSync(path.join(outDir, 'meta.json'), JSON.stringify(result.metafile));
  fs.writeFileSync(path.join(outDir, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(result.metafile));
  return { outfile, bytes: fs.statSync(outfile).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  if (i < 0 || !process.argv[i + 1]) {
    process.stderr.write('usage: node packaging/sea/bundle.mjs --out DIR\n');
    process.exit(2);
  }
  const { outfile, bytes } = await bundle(path.resolve(process.argv[i + 1]));
  process.stdout.write(`bundle: ${path.relative(process.cwd(), outfile)} (${bytes} bytes)\n`);
}

// The layers of src/, bottom to top (docs/architecture.md explains each). A module may
// import only from a LOWER layer or from its own folder; folders that share a layer do not
// import each other. The rule below makes a new back-edge a lint error, so the structure
// cannot drift back into cycles unnoticed.
import * as path from 'node:path';

export const LAYERS = [
  ['errors', 'version', 'paths', 'log'],
  ['util'],
  ['schema', 'fsedit'],
  ['config'],
  ['net', 'host'],
  ['policy'],
  ['inventory'],
  ['clients', 'judge', 'events'],
  ['discovery', 'plan', 'report'],
  ['secrets', 'collector'],
  ['vault'],
  ['tools', 'quarantine', 'sandbox'],
  ['launch', 'apply', 'system'],
  ['approval', 'reconcile'],
  ['agent'],
  ['cli'],
];

const RANK = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i])));

/** `src/a/b.ts` → 'a'; `src/errors.ts` → 'errors'; outside src → undefined. */
function unitOf(file, srcDir) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.(ts|js)$/, '');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports in src/ run from a higher layer to a lower one (docs/architecture.md)' },
    schema: [],
    messages: {
      up: 'src/{{from}} (layer {{fromRank}}) may not import src/{{to}} (layer {{toRank}}): imports run downhill only (docs/architecture.md)',
      unknown: 'src/{{unit}} is in no layer: add it to eslint/layers.mjs and docs/architecture.md',
    },
  },
  create(context) {
    const file = context.filename;
    const srcDir = path.join(context.cwd, 'src');
    const from = unitOf(file, srcDir);
    if (from === undefined) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = unitOf(path.resolve(path.dirname(file), spec), srcDir);
      if (to === undefined || to === from) return;
      for (const unit of [from, to]) {
        if (!RANK.has(unit)) return context.report({ node, messageId: 'unknown', data: { unit } });
      }
      const fromRank = RANK.get(from);
      const toRank = RANK.get(to);
      if (toRank >= fromRank) context.report({ node, messageId: 'up', data: { from, to, fromRank: fromRank + 1, toRank: toRank + 1 } });
    };
    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (n) => check(n, literal(n.source)),
      ExportNamedDeclaration: (n) => n.source && check(n, literal(n.source)),
      ExportAllDeclaration: (n) => check(n, literal(n.source)),
      ImportExpression: (n) => check(n, literal(n.source)),
      TSImportType: (n) => check(n, literal(n.argument?.literal ?? n.argument)),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) check(n, literal(n.arguments[0]));
      },
    };
  },
};

export const layersPlugin = { rules: { downhill: rule } };

#!/usr/bin/env node
// Generates docs/config-reference.md from the JSON Schemas, so the reference can never
// drift from what the agent validates. `node scripts/gen-config-reference.js` rewrites the
// file; `--check` exits 1 when it is out of date (a test runs that).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'config-reference.md');
const SCHEMAS = [
  [
    'Agent config',
    'schemas/agent-config.schema.json',
    'Delivered by MDM (`/etc/mcp-warden/agent.yaml`, the macOS managed-preferences domain, `C:\\ProgramData\\mcp-warden\\agent.yaml` or the HKLM policy key). YAML or JSON.',
  ],
  ['Allowlist', 'schemas/allowlist.schema.json', 'Written by an admin, signed with `mcp-warden allowlist sign`. YAML or JSON.'],
  ['Drift event', 'schemas/drift-event.schema.json', 'What the agent sends to the collector. Never carries a secret value.'],
];

function resolveRef(root, node) {
  let n = node;
  const seen = new Set();
  while (n && n.$ref && !seen.has(n.$ref)) {
    seen.add(n.$ref);
    const parts = n.$ref.replace(/^#\//, '').split('/');
    let cur = root;
    for (const p of parts) cur = cur && cur[p];
    n = cur ? { ...cur, description: node.description || cur.description } : n;
  }
  return n;
}

function typeOf(root, node) {
  const n = resolveRef(root, node);
  if (!n) return '';
  if (n.enum) return n.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  if (n.type === 'array') return `array of ${typeOf(root, n.items || {}) || 'any'}`;
  if (Array.isArray(n.type)) return n.type.join(' \\| ');
  if (n.oneOf || n.anyOf)
    return (n.oneOf || n.anyOf)
      .map((x) => typeOf(root, x))
      .filter(Boolean)
      .join(' \\| ');
  return n.type || '';
}

function cell(s) {
  return String(s || '')
    .replace(/\|/g, '\\|')
    .replace(/\n+/g, ' ');
}

function walk(root, node, prefix, rows, depth) {
  const n = resolveRef(root, node);
  if (!n || depth > 8) return;
  const target = n.type === 'array' ? resolveRef(root, n.items || {}) : n;
  const props = (target && target.properties) || {};
  const required = new Set((target && target.required) || []);
  for (const [key, child] of Object.entries(props)) {
    const c = resolveRef(root, child);
    const p = prefix ? `${prefix}${n.type === 'array' ? '[]' : ''}.${key}` : key;
    rows.push(`| \`${p}\` | ${cell(typeOf(root, child))} | ${required.has(key) ? 'yes' : ''} | ${cell(c.description)} |`);
    walk(root, child, p, rows, depth + 1);
  }
}

function render() {
  const parts = [
    '# Configuration reference',
    '',
    'Generated from the JSON Schemas in `schemas/` by `node scripts/gen-config-reference.js`; a test fails when this file is out of date. The schemas are strict: unknown keys are errors.',
  ];
  for (const [title, rel, intro] of SCHEMAS) {
    const file = path.join(ROOT, rel);
    if (!fs.existsSync(file)) continue;
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    const rows = [];
    walk(schema, schema, '', rows, 0);
    parts.push(
      '',
      `## ${title} (\`${rel}\`)`,
      '',
      intro,
      '',
      cell(schema.description),
      '',
      '| key | type | required | meaning |',
      '|---|---|---|---|',
      ...rows,
    );
  }
  return parts.join('\n') + '\n';
}

const text = render();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (current !== text) {
    process.stderr.write('docs/config-reference.md is out of date: run node scripts/gen-config-reference.js\n');
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
}

// Generates the Jamf Pro "Application & Custom Settings" JSON schema (the form admins
// fill in for the preference domain com.mcp-warden.agent) from
// schemas/agent-config.schema.json, so the two never disagree:
//
//   node packaging/macos/gen-jamf-schema.mjs            → writes profiles/jamf-custom-schema.json
//   node packaging/macos/gen-jamf-schema.mjs --check    → exit 1 if that file is stale
//
// Jamf's form understands a subset of JSON Schema (title, description, type, properties,
// items, enum, default, property_order and the numeric/length limits); $ref is inlined and
// the combinators (allOf/anyOf/oneOf), additionalProperties, format and the errorMessage
// annotation are dropped. The agent validates the delivered config against the full
// schema anyway, and names every error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const SOURCE = path.join(ROOT, 'schemas', 'agent-config.schema.json');
export const OUTPUT = path.join(HERE, 'profiles', 'jamf-custom-schema.json');
const KEEP = ['description', 'type', 'enum', 'default', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern'];
/** Editor metadata, not configuration. */
const SKIP_PROPERTIES = new Set(['$schema']);

function humanize(key) {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function resolve(node, root) {
  if (node && typeof node.$ref === 'string') {
    const m = /^#\/definitions\/([^/]+)$/.exec(node.$ref);
    if (!m || !root.definitions?.[m[1]]) throw new Error(`cannot inline ${node.$ref}`);
    const { $ref: _ref, ...rest } = node;
    return { ...resolve(root.definitions[m[1]], root), ...rest };
  }
  return node;
}

function convert(node, root, key) {
  const src = resolve(node, root);
  const out = {};
  if (key !== undefined) out.title = src.title ?? humanize(key);
  for (const k of KEEP) if (src[k] !== undefined) out[k] = src[k];
  if (src.properties) {
    out.properties = {};
    let order = 1;
    for (const [name, child] of Object.entries(src.properties)) {
      if (SKIP_PROPERTIES.has(name)) continue;
      out.properties[name] = { ...convert(child, root, name), property_order: order++ };
    }
  }
  if (src.items) out.items = convert(src.items, root, 'entry');
  return out;
}

export function jamfSchema(source = JSON.parse(fs.readFileSync(SOURCE, 'utf8'))) {
  const body = convert(source, source);
  return {
    title: 'mcp-warden agent (com.mcp-warden.agent)',
    description:
      'Configuration of the mcp-warden agent, delivered as managed preferences of the domain com.mcp-warden.agent. ' +
      (source.description ?? ''),
    properties: body.properties,
  };
}

export function render() {
  return JSON.stringify(jamfSchema(), null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${path.relative(ROOT, OUTPUT)} is stale: run node packaging/macos/gen-jamf-schema.mjs\n`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUTPUT, text);
    process.stdout.write(`wrote ${path.relative(ROOT, OUTPUT)}\n`);
  }
}

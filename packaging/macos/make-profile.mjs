// Configuration profiles (.mobileconfig) for deploying mcp-warden with an MDM (Jamf Pro,
// Intune for macOS, Kandji …). Unsigned XML: the MDM signs what it delivers.
//
//   node packaging/macos/make-profile.mjs config --config agent.yaml \
//        --identifier com.example.mcp-warden [--organization "Example Corp"] [--out FILE]
//     The agent config as managed preferences of the domain com.mcp-warden.agent (macOS
//     writes them to /Library/Managed Preferences/com.mcp-warden.agent.plist, which the
//     agent reads). The config is validated against schemas/agent-config.schema.json;
//     trust keys named by file are inlined (a profile has no folder for relative paths).
//
//   node packaging/macos/make-profile.mjs login-items [--team-id ABCDE12345] ...
//     Managed Login Items (macOS 13+): the LaunchAgent is allowed and cannot be switched
//     off in System Settings, and users get no "Background Items Added" prompt.
//
//   node packaging/macos/make-profile.mjs pppc --team-id ABCDE12345 [--full-disk-access] ...
//     Privacy Preferences Policy Control: lets the agent read project folders under
//     ~/Documents, ~/Desktop and ~/Downloads (or everything, with --full-disk-access)
//     without a TCC prompt. Needs the Team ID that signed the app.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { toPlist } from './plist.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));

export const DOMAIN = 'com.mcp-warden.agent';
export const AGENT_LABEL = 'com.mcp-warden.agent';
const MAX_CONFIG_BYTES = 256 * 1024;

export class ProfileError extends Error {}

/** A stable UUID for a payload, so regenerating a profile does not churn it in the MDM. */
export function stableUuid(...parts) {
  const h = crypto.createHash('sha256').update(parts.join('\0')).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function profile({ identifier, organization, displayName, description, payloads, kind }) {
  return {
    PayloadContent: payloads,
    PayloadDescription: description,
    PayloadDisplayName: displayName,
    PayloadIdentifier: identifier,
    ...(organization ? { PayloadOrganization: organization } : {}),
    PayloadRemovalDisallowed: true,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: stableUuid(identifier, kind),
    PayloadVersion: 1,
  };
}

function validateConfig(config, file) {
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats').default;
  // The same options as src/schema/ajv.ts.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats(ajv, ['date-time', 'uri', 'email', 'hostname']);
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'agent-config.schema.json'), 'utf8'));
  const validate = ajv.compile(schema);
  if (validate(config)) return;
  const lines = validate.errors.map((e) => {
    const p =
      '$' +
      e.instancePath
        .split('/')
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
        .join('');
    return `  ${file} at ${p}: ${e.parentSchema?.errorMessage ?? e.message}`;
  });
  throw new ProfileError(`the agent config is not valid:\n${[...new Set(lines)].join('\n')}`);
}

/**
 * The managed-preferences form of an agent config: validated, `$schema` dropped, key
 * files inlined, and every other path required to be absolute.
 */
export function managedPreferences(config, configFile) {
  validateConfig(config, configFile);
  const out = structuredClone(config);
  delete out.$schema;
  const base = path.dirname(path.resolve(configFile));
  out.trust.keys = out.trust.keys.map((k, i) => {
    if (k.publicKeyFile === undefined) return k;
    const file = path.resolve(base, k.publicKeyFile);
    let pem;
    try {
      pem = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ProfileError(`$.trust.keys[${i}].publicKeyFile: cannot read ${file} (${e.code ?? e.message})`);
    }
    if (!pem.includes('-----BEGIN PUBLIC KEY-----'))
      throw new ProfileError(`$.trust.keys[${i}].publicKeyFile: ${file} is not a PEM public key`);
    const { publicKeyFile: _dropped, ...rest } = k;
    return { ...rest, publicKey: pem.trim() + '\n' };
  });
  const paths = [
    ['allowlist', 'file'],
    ['report', 'tokenFile'],
    ['report', 'caFile'],
  ];
  for (const [section, key] of paths) {
    const v = out[section]?.[key];
    if (v !== undefined && !path.posix.isAbsolute(v)) {
      throw new ProfileError(
        `$.${section}.${key}: "${v}" is relative; on the Mac it would resolve against /Library/Application Support/mcp-warden, not next to ${configFile}: write the absolute path`,
      );
    }
  }
  return out;
}

export function configProfile({ config, configFile, identifier, organization }) {
  const prefs = managedPreferences(config, configFile);
  // A custom-settings payload whose PayloadType is the preference domain: macOS writes
  // its other keys to /Library/Managed Preferences/<domain>.plist. The agent ignores the
  // Payload* bookkeeping keys (src/config/os-sources.ts).
  const payload = {
    PayloadDisplayName: 'mcp-warden agent configuration',
    PayloadIdentifier: `${identifier}.config`,
    PayloadType: DOMAIN,
    PayloadUUID: stableUuid(identifier, 'config', DOMAIN),
    PayloadVersion: 1,
    ...prefs,
  };
  return profile({
    identifier,
    organization,
    kind: 'config',
    displayName: 'mcp-warden agent configuration',
    description: `Agent configuration for mcp-warden (managed preferences ${DOMAIN}).`,
    payloads: [payload],
  });
}

export function loginItemsProfile({ identifier, organization, teamId }) {
  const constraint = teamId ? { TeamIdentifier: teamId } : {};
  return profile({
    identifier,
    organization,
    kind: 'login-items',
    displayName: 'mcp-warden background agent',
    description: 'Allows the mcp-warden LaunchAgent and LaunchDaemon and keeps them switched on (Login Items).',
    payloads: [
      {
        PayloadDisplayName: 'mcp-warden login items',
        PayloadIdentifier: `${identifier}.servicemanagement`,
        PayloadType: 'com.apple.servicemanagement',
        PayloadUUID: stableUuid(identifier, 'login-items', 'servicemanagement'),
        PayloadVersion: 1,
        Rules: [
          { Comment: 'mcp-warden jobs', RuleType: 'LabelPrefix', RuleValue: 'com.mcp-warden.', ...constraint },
          { Comment: 'mcp-warden.app', RuleType: 'BundleIdentifier', RuleValue: DOMAIN, ...constraint },
        ],
      },
    ],
  });
}

/** The designated requirement of a Developer ID-signed app with this bundle id and team. */
export function developerIdRequirement(teamId) {
  return (
    `identifier "${DOMAIN}" and anchor apple generic and certificate 1[field.1.2.840.113635.100.6.2.6] /* exists */ ` +
    `and certificate leaf[field.1.2.840.113635.100.6.1.13] /* exists */ and certificate leaf[subject.OU] = "${teamId}"`
  );
}

export function pppcProfile({ identifier, organization, teamId, fullDiskAccess }) {
  const app = {
    Allowed: true,
    CodeRequirement: developerIdRequirement(teamId),
    Comment: 'mcp-warden reads Claude Code project configs (.mcp.json, .claude/) in users\u2019 project folders',
    Identifier: DOMAIN,
    IdentifierType: 'bundleID',
  };
  const services = fullDiskAccess
    ? { SystemPolicyAllFiles: [app] }
    : { SystemPolicyDesktopFolder: [app], SystemPolicyDocumentsFolder: [app], SystemPolicyDownloadsFolder: [app] };
  return profile({
    identifier,
    organization,
    kind: 'pppc',
    displayName: 'mcp-warden file access',
    description: 'Lets the mcp-warden agent read Claude Code project configurations in users\u2019 folders without a prompt.',
    payloads: [
      {
        PayloadDisplayName: 'mcp-warden privacy preferences',
        PayloadIdentifier: `${identifier}.tcc`,
        PayloadType: 'com.apple.TCC.configuration-profile-policy',
        PayloadUUID: stableUuid(identifier, 'pppc', 'tcc'),
        PayloadVersion: 1,
        Services: services,
      },
    ],
  });
}

function readConfigFile(file) {
  const st = fs.statSync(file);
  if (st.size > MAX_CONFIG_BYTES) throw new ProfileError(`${file}: ${st.size} bytes is over ${MAX_CONFIG_BYTES}`);
  const text = fs.readFileSync(file, 'utf8');
  const YAML = require('yaml');
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new ProfileError(`${file}: ${doc.errors[0].message}`);
  return doc.toJS();
}

function parseArgs(argv) {
  const [kind, ...rest] = argv;
  const opts = { kind };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const take = () => {
      const v = rest[++i];
      if (v === undefined) throw new ProfileError(`${a} needs a value`);
      return v;
    };
    if (a === '--config') opts.config = take();
    else if (a === '--identifier') opts.identifier = take();
    else if (a === '--organization') opts.organization = take();
    else if (a === '--team-id') opts.teamId = take();
    else if (a === '--out') opts.out = take();
    else if (a === '--full-disk-access') opts.fullDiskAccess = true;
    else throw new ProfileError(`unknown option ${a}`);
  }
  if (!['config', 'login-items', 'pppc'].includes(kind)) throw new ProfileError('first argument: config | login-items | pppc');
  opts.identifier ??= `com.mcp-warden.${kind}`;
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(opts.identifier))
    throw new ProfileError('--identifier must be reverse-DNS (com.example.mcp-warden)');
  if (opts.teamId !== undefined && !/^[A-Z0-9]{10}$/.test(opts.teamId))
    throw new ProfileError('--team-id is the 10-character Apple Team ID');
  if (kind === 'config' && !opts.config) throw new ProfileError('config needs --config FILE');
  if (kind === 'pppc' && !opts.teamId) throw new ProfileError('pppc needs --team-id (the Team ID that signed mcp-warden.app)');
  return opts;
}

export function main(argv) {
  const opts = parseArgs(argv);
  let root;
  if (opts.kind === 'config') {
    root = configProfile({
      config: readConfigFile(opts.config),
      configFile: opts.config,
      identifier: opts.identifier,
      organization: opts.organization,
    });
  } else if (opts.kind === 'login-items') {
    root = loginItemsProfile(opts);
  } else {
    root = pppcProfile(opts);
  }
  const xml = toPlist(root);
  if (opts.out) fs.writeFileSync(opts.out, xml);
  else process.stdout.write(xml);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`make-profile: ${e instanceof ProfileError ? e.message : e.stack}\n`);
    process.exit(e instanceof ProfileError ? 2 : 4);
  }
}

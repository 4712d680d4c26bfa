// The rule `allowlist add` writes for what was resolved: a complete, pinned server rule
// that lint accepts as it is. Pure.
import * as path from 'node:path';
import type { Scope, ServerRule } from '../policy/types';

export interface RuleOptions {
  id?: string;
  description?: string;
  scopes?: Scope[];
  /** Container runtime for oci: rules. */
  runtime?: 'docker' | 'podman';
  /** The argv as the developer had it (from a quarantine record), when it should be kept. */
  argv?: { command: string; args: string[] };
  envSecrets?: string[];
}

const ID_RE = /[^A-Za-z0-9_-]+/g;

/** A rule id from a package or file name: `@scope/server-x` → `server-x`. */
export function defaultId(name: string): string {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return (
    base
      .replace(ID_RE, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'server'
  );
}

function finish(rule: ServerRule, o: RuleOptions): ServerRule {
  if (o.description) rule.description = o.description;
  if (o.envSecrets && o.envSecrets.length > 0) rule.env = { secrets: [...o.envSecrets].sort() };
  if (o.scopes && o.scopes.length > 0) rule.scopes = o.scopes;
  return rule;
}

export function npmRule(name: string, version: string, integrity: string, o: RuleOptions = {}): ServerRule {
  const spec = `${name}@${version}`;
  return finish(
    {
      id: o.id ?? defaultId(name),
      transport: 'stdio',
      command: o.argv?.command ?? 'npx',
      args: o.argv?.args ?? ['-y', spec],
      package: { registry: 'npm', name, version, integrity },
    },
    o,
  );
}

/** Interpreters whose first file argument is what the pin must cover. */
const SCRIPT_INTERPRETERS: Record<string, string> = { '.js': 'node', '.mjs': 'node', '.cjs': 'node', '.py': 'python3', '.sh': 'bash' };

export function fileRule(file: string, sha256: string, executable: boolean, o: RuleOptions = {}): ServerRule {
  const interp = SCRIPT_INTERPRETERS[path.extname(file)];
  const argv = o.argv ?? (executable || !interp ? { command: file, args: [] } : { command: interp, args: [file] });
  const rule: ServerRule = {
    id: o.id ?? defaultId(path.basename(file, path.extname(file))),
    transport: 'stdio',
    command: argv.command,
    args: argv.args,
    sha256,
  };
  if (argv.command !== file) rule.file = file;
  return finish(rule, o);
}

export function ociRule(image: string, digest: string, o: RuleOptions = {}): ServerRule {
  return finish(
    {
      id: o.id ?? defaultId(image.slice(image.lastIndexOf('/') + 1)),
      transport: 'stdio',
      command: o.argv?.command ?? o.runtime ?? 'docker',
      args: o.argv?.args ?? ['run', '-i', '--rm', `${image}@${digest}`],
      image: { name: image, digest },
    },
    o,
  );
}

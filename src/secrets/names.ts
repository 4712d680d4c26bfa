// Which NAMES mark a value as a credential. The env-variable rule is Claude Code's own
// (reference §2.2: the variables it strips from a project helper's environment): a name
// whose `_`-separated part equals one of CREDENTIAL_PARTS. Headers and command-line flags
// use the same parts, split on `-`/`_` and camelCase, plus the well-known header names.

/** Claude Code's list (reference §2.2). */
export const CREDENTIAL_PARTS: ReadonlySet<string> = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'KEY',
  'AUTH',
  'COOKIE',
  'PAT',
  'DSN',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/**
 * Parts that say the value LOCATES something (a file, a host, a URL) rather than being the
 * secret: `SSH_KEY_PATH=/home/a/.ssh/id_ed25519`, `AUTH_URL=https://…`. Such a value is a
 * secret only if it carries one by itself (a token shape, a URL password).
 */
const LOCATOR_PARTS: ReadonlySet<string> = new Set([
  'PATH',
  'FILE',
  'DIR',
  'URL',
  'URI',
  'HOST',
  'HOSTNAME',
  'ENDPOINT',
  'DOMAIN',
  'PORT',
  'REGION',
  'TYPE',
  'MODE',
  'NAME',
  'ID',
]);

/** Header names that carry credentials whatever their parts say. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'cookie',
  'x-goog-api-key',
  'ocp-apim-subscription-key',
  'private-token',
]);

/** `GITHUB_TOKEN` → [GITHUB, TOKEN]; `apiKey` / `api-key` → [API, KEY]. */
export function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((p) => p.toUpperCase());
}

/** Claude Code's rule, applied to an environment variable name (only `_` separates parts). */
export function isCredentialEnvName(name: string): boolean {
  return name.split('_').some((p) => CREDENTIAL_PARTS.has(p.toUpperCase()));
}

/** A header whose value is a credential. */
export function isCredentialHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (SECRET_HEADERS.has(lower)) return true;
  return nameParts(name).some((p) => CREDENTIAL_PARTS.has(p));
}

/** A command-line flag (`--api-key`, `--token`, `-password`) whose value is a credential. */
export function isCredentialFlag(flag: string): boolean {
  const m = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(flag);
  if (!m?.[1]) return false;
  return nameParts(m[1]).some((p) => CREDENTIAL_PARTS.has(p));
}

/** The name also says the value locates something (see LOCATOR_PARTS). */
export function isLocatorName(name: string): boolean {
  return nameParts(name).some((p) => LOCATOR_PARTS.has(p));
}

/** A URL query parameter that carries a credential (`?api_key=…`, `?token=…`). */
export function isCredentialParam(param: string): boolean {
  return nameParts(param).some((p) => CREDENTIAL_PARTS.has(p)) || /^(?:sig|signature)$/i.test(param);
}

/**
 * A placeholder / env name derived from a flag or parameter: `--api-key` → `API_KEY`.
 * Always a valid `{{secret:NAME}}` name.
 */
export function toSecretName(raw: string): string {
  const parts = nameParts(raw.replace(/^-+/, ''))
    .map((p) => p.replace(/[^A-Z0-9]/g, ''))
    .filter(Boolean);
  const name = parts.join('_') || 'SECRET';
  return /^[A-Z_]/.test(name) ? name : `S_${name}`;
}

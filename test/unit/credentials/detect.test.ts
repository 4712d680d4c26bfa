import * as crypto from 'node:crypto';
import { detectSecrets, findSecrets, fingerprint } from '../../../src/secrets/detect';
import { looksRandom } from '../../../src/secrets/entropy';
import type { ServerEntry } from '../../../src/inventory/types';
import type { ServerRule } from '../../../src/policy/types';

// Token-shaped values are assembled at run time so no scanner flags this file.
const rnd = (n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string =>
  Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const GH = 'ghp_' + rnd(36);
const GH_FINE = 'github_pat_' + rnd(22) + '_' + rnd(59);
const GLPAT = 'glpat-' + rnd(20);
const SLACK = 'xoxb-' + rnd(12, '0123456789') + '-' + rnd(24);
const OPENAI = 'sk-proj-' + rnd(40);
const ANTHROPIC = 'sk-ant-api03-' + rnd(40);
const AWS = 'AKIA' + rnd(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
const JWT = 'eyJ' + rnd(20) + '.eyJ' + rnd(30) + '.' + rnd(43);
// Random key material the entropy detector recognises (its detection RATE is measured in
// entropy.test.ts; here only the wiring is under test, so the sample must be a detectable one).
function detectable(): string {
  for (;;) {
    const s = crypto.randomBytes(24).toString('base64url');
    if (looksRandom(s) && !s.startsWith('-')) return s;
  }
}
const RANDOM = detectable();

function entry(over: Partial<ServerEntry>): ServerEntry {
  return {
    key: 'k',
    file: '/home/a/.claude.json',
    scope: 'user',
    configHome: '/home/a',
    jsonPath: ['mcpServers', 'x'],
    name: 'x',
    transport: 'stdio',
    raw: {},
    ...over,
  };
}

const stdio = (env: Record<string, string>, args: string[] = []): ServerEntry => entry({ command: 'npx', args, env });

describe('findSecrets', () => {
  describe('env names (Claude Code rule: a `_`-separated part)', () => {
    const secretNames = [
      'GITHUB_TOKEN',
      'API_SECRET',
      'DB_PASSWORD',
      'MYSQL_PASSWD',
      'GPG_PASSPHRASE',
      'OPENAI_API_KEY',
      'BASIC_AUTH',
      'SESSION_COOKIE',
      'GITLAB_PAT',
      'SENTRY_DSN',
      'GOOGLE_CREDENTIAL',
      'AWS_CREDENTIALS',
      'token',
    ];
    it.each(secretNames)('%s with a plain value is a secret by name', (name) => {
      const f = findSecrets(stdio({ [name]: 'correct-horse-battery' }));
      expect(f).toEqual([expect.objectContaining({ location: 'env', name, reason: 'name' })]);
    });

    const notSecretNames = ['KEYBOARD', 'TOKENIZER_MODEL', 'AUTHOR', 'PATH_PREFIX', 'MONKEY', 'PASSWORDLESS', 'HOME'];
    it.each(notSecretNames)('%s with a plain value is not a secret', (name) => {
      expect(findSecrets(stdio({ [name]: 'correct-horse-battery' }))).toEqual([]);
    });

    it.each([
      ['SSH_KEY_PATH', '/home/a/.ssh/id_ed25519'],
      ['GOOGLE_APPLICATION_CREDENTIALS', '~/.config/gcloud/adc.json'],
      ['AUTH_URL', 'https://auth.example.com/oauth'],
      ['TOKEN_TTL', '3600'],
      ['AUTH_ENABLED', 'true'],
      ['API_KEY', '${OPENAI_API_KEY}'],
      ['API_KEY', '${OPENAI_API_KEY:-}'],
      ['API_KEY', '{{secret:API_KEY}}'],
      ['API_KEY', ''],
    ])('%s=%s is not a secret (path, locator, trivial, reference, placeholder, empty)', (name, value) => {
      expect(findSecrets(stdio({ [name]: value }))).toEqual([]);
    });

    it('honours the rule env.secrets even when the name says nothing', () => {
      const rule = { id: 'r', transport: 'stdio', env: { secrets: ['WEATHER'] } } as ServerRule;
      expect(findSecrets(stdio({ WEATHER: 'sunny-day-value' }), rule)).toEqual([
        expect.objectContaining({ location: 'env', name: 'WEATHER', reason: 'rule' }),
      ]);
      expect(findSecrets(stdio({ WEATHER: 'sunny-day-value' }))).toEqual([]);
    });
  });

  describe('value shapes', () => {
    it.each([
      ['github-pat', GH],
      ['github-fine-grained', GH_FINE],
      ['gitlab-pat', GLPAT],
      ['slack', SLACK],
      ['openai', OPENAI],
      ['anthropic', ANTHROPIC],
      ['aws-access-key', AWS],
      ['jwt', JWT],
    ])('%s under an innocent name is found by shape', (id, value) => {
      expect(findSecrets(stdio({ SOMETHING: value }))).toEqual([
        expect.objectContaining({ location: 'env', name: 'SOMETHING', reason: `shape:${id}` }),
      ]);
    });

    it('finds a password in URL userinfo', () => {
      expect(findSecrets(stdio({ DATABASE_URL: 'postgres://app:hunter2hunter2@db:5432/app' }))).toEqual([
        expect.objectContaining({ name: 'DATABASE_URL', reason: 'url-password' }),
      ]);
    });

    it('finds a random value as a last resort', () => {
      expect(findSecrets(stdio({ SOMETHING: RANDOM }))).toEqual([expect.objectContaining({ reason: 'entropy' })]);
    });

    it('reports a token inside a ${VAR:-default} as not movable', () => {
      const d = detectSecrets(stdio({ GITHUB_TOKEN: `\${GITHUB_TOKEN:-${GH}}` }));
      expect(d).toHaveLength(1);
      expect(d[0]?.movable).toBe(false);
      expect(d[0]?.finding.reason).toBe('shape:github-pat-in-reference');
    });
  });

  describe('args', () => {
    it.each([
      [['--api-key', GH], 1, 'API_KEY', 'flag'],
      [['--token=' + RANDOM], 0, 'TOKEN', 'flag'],
      [['--header', `Authorization: Bearer ${RANDOM}`], 1, 'AUTHORIZATION', 'header'],
      [['postgres://app:s3cr3t-pw@db/app'], 0, 'POSTGRES_PASSWORD', 'url-password'],
      [['https://mcp.example.com/sse?api_key=abc123def456'], 0, 'API_KEY', 'url-query:api_key'],
      [['--verbose', GH], 1, 'GITHUB_PAT', 'shape:github-pat'],
      [['serve', RANDOM], 1, 'SECRET', 'entropy'],
    ])('%j: arg %i is secret %s (%s)', (args, index, placeholder, reason) => {
      const f = findSecrets(stdio({}, args));
      expect(f).toEqual([expect.objectContaining({ location: 'args', argIndex: index, name: String(index), placeholder, reason })]);
    });

    it.each([
      [['-y', '@modelcontextprotocol/server-filesystem@2025.8.1', '/home/a/src']],
      [['--key-file', '/etc/ssl/key.pem']],
      [['--token', '${GITHUB_TOKEN}']],
      [['--header', 'Authorization: Bearer ${TOKEN}']],
      [['--api-key', '{{secret:API_KEY}}']],
      [['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server@sha256:' + 'a'.repeat(64)]],
      [['--project', '3f2504e0-4f89-41d3-9a0c-0305e82c3301']],
    ])('%j holds no secret', (args) => {
      expect(findSecrets(stdio({}, args))).toEqual([]);
    });

    it('names secrets by the rule placeholder so the result equals the rule', () => {
      const rule = {
        id: 'pg',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'pg-mcp@1.0.0', 'postgres://app:{{secret:PG_PASSWORD}}@db/app'],
      } as ServerRule;
      const d = detectSecrets(stdio({}, ['-y', 'pg-mcp@1.0.0', 'postgres://app:pw-123456@db/app']), rule);
      expect(d.map((x) => [x.secretName, x.value, x.movable, x.finding.reason])).toEqual([['PG_PASSWORD', 'pw-123456', true, 'rule']]);
    });

    it('reports but never moves a secret the rule itself spells out', () => {
      const rule = { id: 'r', transport: 'stdio', command: 'npx', args: ['--token', GH] } as ServerRule;
      const d = detectSecrets(stdio({}, ['--token', GH]), rule);
      expect(d.map((x) => x.movable)).toEqual([false]);
    });

    it('moves secrets in trailing arguments past the rule args, and not without a rule', () => {
      const rule = { id: 'r', transport: 'stdio', command: 'npx', args: ['srv'], trailingArgs: true } as ServerRule;
      expect(detectSecrets(stdio({}, ['srv', '--token', RANDOM]), rule).map((x) => x.movable)).toEqual([true]);
      expect(detectSecrets(stdio({}, ['srv', '--token', RANDOM])).map((x) => x.movable)).toEqual([false]);
    });

    it('gives clashing placeholder names a suffix', () => {
      const f = findSecrets(stdio({}, ['--token', RANDOM, '--token', GH]));
      expect(f.map((x) => x.placeholder)).toEqual(['TOKEN', 'TOKEN_2']);
    });

    it('sees through mcp-warden exec: indexes are positions in the on-disk args', () => {
      const e = entry({
        command: '/usr/bin/mcp-warden',
        args: ['exec', '--server', 'r', '--scope', 'user', '--', 'npx', 'srv', '--token', GH],
        wrapped: { serverId: 'r', scope: 'user', inner: ['npx', 'srv', '--token', GH] },
      });
      expect(findSecrets(e)).toEqual([expect.objectContaining({ argIndex: 9, placeholder: 'TOKEN' })]);
    });
  });

  describe('remote entries', () => {
    const remote = (over: Partial<ServerEntry>): ServerEntry =>
      entry({ transport: 'http', type: 'http', url: 'https://mcp.example.com/mcp', command: undefined, ...over });

    it.each([
      ['Authorization', `Bearer ${RANDOM}`],
      ['authorization', 'Basic dXNlcjpwYXNzd29yZA=='],
      ['Proxy-Authorization', 'Bearer abcdefgh12345678'],
      ['X-Api-Key', 'plain-looking-key'],
      ['Cookie', 'session=abc123'],
      ['X-Auth-Token', 'whatever-it-is'],
    ])('header %s is a secret', (name, value) => {
      expect(findSecrets(remote({ headers: { [name]: value } }))).toEqual([expect.objectContaining({ location: 'headers', name })]);
    });

    it.each([
      ['Authorization', 'Bearer ${API_TOKEN}'],
      ['Accept', 'application/json'],
      ['X-Request-Source', 'claude-code'],
    ])('header %s: %s is not a secret', (name, value) => {
      expect(findSecrets(remote({ headers: { [name]: value } }))).toEqual([]);
    });

    it('honours the rule headers.secrets, case-insensitively', () => {
      const rule = { id: 'r', transport: 'http', url: 'https://mcp.example.com/mcp', headers: { secrets: ['x-tenant'] } } as ServerRule;
      expect(findSecrets(remote({ headers: { 'X-Tenant': 'acme-tenant-value' } }), rule)).toEqual([
        expect.objectContaining({ name: 'X-Tenant', reason: 'rule' }),
      ]);
    });

    it('reports URL credentials as not movable', () => {
      const d = detectSecrets(remote({ url: 'https://user:pw-123456@mcp.example.com/mcp' }));
      expect(d.map((x) => [x.finding.location, x.finding.name, x.movable])).toEqual([['url', 'userinfo', false]]);
      const q = detectSecrets(remote({ url: 'https://mcp.example.com/sse?token=abcdef123456' }));
      expect(q.map((x) => [x.finding.name, x.finding.reason])).toEqual([['token', 'url-query:token']]);
    });

    it('ignores our own headersHelper and reports a token pasted into a foreign one', () => {
      expect(findSecrets(remote({ headersHelper: '/usr/bin/mcp-warden headers --server r --scope user' }))).toEqual([]);
      expect(findSecrets(remote({ headersHelper: `echo '{"Authorization":"Bearer ${GH}"}'` }))).toEqual([
        expect.objectContaining({ name: 'headersHelper', reason: 'shape:github-pat' }),
      ]);
    });
  });

  describe('fingerprints', () => {
    it('are 8 hex digits, stable, and never contain the value', () => {
      const f = findSecrets(stdio({ GITHUB_TOKEN: GH }));
      expect(f[0]?.fingerprint).toMatch(/^[0-9a-f]{8}$/);
      expect(f[0]?.fingerprint).toBe(fingerprint(GH));
      expect(JSON.stringify(f)).not.toContain(GH);
      expect(fingerprint(GH)).not.toBe(fingerprint(GH + 'x'));
    });
  });
});

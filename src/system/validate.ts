// The last gate before a drop-in is written. Claude Code fails closed on a bad
// `allowedMcpServers` (it blocks EVERY server), so the rendered object must pass our strict
// schema AND checks a schema cannot express; on any issue nothing is written.
import { isDeepStrictEqual } from 'node:util';
import schema from '../../schemas/managed-settings.schema.json';
import { compileSchema } from '../schema/compile';
import { formatJsonPath, type PathSegment } from '../util/jsonpath';
import { SystemError } from './errors';
import type { ManagedSettings } from './types';

export interface DropInIssue {
  /** JSON path inside the drop-in, e.g. `$.allowedMcpServers[3].serverCommand[0]`. */
  path: string;
  message: string;
}

const validator = compileSchema<ManagedSettings>(schema);

function semanticIssues(settings: ManagedSettings): DropInIssue[] {
  const issues: DropInIssue[] = [];
  const at = (segments: PathSegment[], message: string): void => {
    issues.push({ path: formatJsonPath(segments), message });
  };
  const checkString = (segments: PathSegment[], s: string, expands: boolean): void => {
    // Claude Code expands ${VAR} in serverCommand and serverUrl, on both sides, from an
    // environment the user starts Claude Code with: such an entry could mean anything.
    if (expands && s.includes('${')) at(segments, 'contains "${", which Claude Code would expand from the user\'s environment');

    if (/[\u0000-\u001f\u007f]/.test(s)) at(segments, 'contains a control character');
  };
  const lists = [
    ['allowedMcpServers', settings.allowedMcpServers],
    ['deniedMcpServers', settings.deniedMcpServers ?? []],
  ] as const;
  for (const [key, list] of lists) {
    list.forEach((m, i) => {
      if ('serverCommand' in m) {
        const argv = m.serverCommand;
        if (argv.length === 0 || !argv[0]?.trim()) at([key, i, 'serverCommand', 0], 'the command must be a non-empty string');
        argv.forEach((a, j) => checkString([key, i, 'serverCommand', j], a, true));
      } else if ('serverUrl' in m) {
        if (!m.serverUrl.trim()) at([key, i, 'serverUrl'], 'must not be empty');
        checkString([key, i, 'serverUrl'], m.serverUrl, true);
      } else if ('serverName' in m) {
        checkString([key, i, 'serverName'], m.serverName, false);
      }
    });
  }
  return issues;
}

/** Every problem with `value` as one of our drop-ins: schema first, then semantics. */
export function checkManagedSettings(value: unknown): DropInIssue[] {
  const schemaIssues = validator.validate(value).map((i) => ({ path: i.path, message: i.message }));
  if (schemaIssues.length > 0) return schemaIssues;
  return semanticIssues(value as ManagedSettings);
}

/**
 * The drop-in's bytes: one key per line, one allow/deny entry or permission rule per line
 * (an admin reads and diffs it entry by entry, and 5000 rules stay a few hundred KB instead
 * of MBs of one-argument lines), a final newline. Keys keep the order render built them in.
 */
export function serializeManagedSettings(settings: ManagedSettings): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(settings) as [string, unknown][];
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    lines.push(...member(key, value, '  ', comma));
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function member(key: string, value: unknown, indent: string, comma: string): string[] {
  const head = `${indent}${JSON.stringify(key)}: `;
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head}[]${comma}`];
    return [`${head}[`, ...value.map((v, j) => `${indent}  ${JSON.stringify(v)}${j < value.length - 1 ? ',' : ''}`), `${indent}]${comma}`];
  }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value);
    return [
      `${head}{`,
      ...inner.flatMap(([k, v], j) => member(k, v, `${indent}  `, j < inner.length - 1 ? ',' : '')),
      `${indent}}${comma}`,
    ];
  }
  return [`${head}${JSON.stringify(value)}${comma}`];
}

/**
 * Validate and serialize, or throw RENDER_INVALID naming every issue. The text is parsed
 * back and compared, so what Claude Code reads is exactly what was validated.
 */
export function prepareDropIn(settings: ManagedSettings): string {
  const issues = checkManagedSettings(settings);
  let text = '';
  if (issues.length === 0) {
    text = serializeManagedSettings(settings);
    if (!isDeepStrictEqual(JSON.parse(text), settings)) {
      issues.push({ path: '$', message: 'does not survive a JSON round trip' });
    }
  }
  if (issues.length > 0) {
    throw new SystemError({
      code: 'RENDER_INVALID',
      message: `refusing to write managed settings that Claude Code could misread: ${issues
        .slice(0, 10)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}${issues.length > 10 ? ` (and ${issues.length - 10} more)` : ''}`,
      jsonPath: issues[0]?.path,
    });
  }
  return text;
}

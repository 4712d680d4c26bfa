// The allowlist rules a JSON Schema cannot express, and `allowlist lint` as a whole.
// semanticIssues() runs in the verifier too (as SCHEMA_INVALID), so a signed allowlist
// is held to exactly the rules lint told the admin about; only the expiry checks are
// lint-only (the verifier has its own expiry step with clock skew).
import type { PathSegment } from '../util/jsonpath';
import { formatJsonPath } from '../util/jsonpath';
import { checkDocument, type DocumentProblem } from '../schema/document';
import type { SourceFormat } from '../schema/source';
import { allowlistValidator } from './validators';
import { SECRET_PLACEHOLDER_RE } from './placeholder';
import type { Allowlist } from './types';
import { parseRfc3339 } from '../util/time';

export interface SemanticIssue {
  segments: PathSegment[];
  message: string;
}

/** Rules beyond the schema, on a schema-valid allowlist. Empty when it is fine. */
export function semanticIssues(a: Allowlist): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const firstId = new Map<string, number>();
  a.servers.forEach((s, i) => {
    const first = firstId.get(s.id);
    if (first !== undefined) {
      out.push({
        segments: ['servers', i, 'id'],
        message: `duplicate id "${s.id}" (first used at ${formatJsonPath(['servers', first, 'id'])})`,
      });
    } else {
      firstId.set(s.id, i);
    }
    const args = s.args ?? [];
    args.forEach((arg, j) => {
      // Whatever is left after removing well-formed placeholders must not look like one:
      // a typo such as `{{secret:api-key}}` would otherwise match literally, never as a secret.
      if (arg.replace(SECRET_PLACEHOLDER_RE, '').includes('{{secret')) {
        out.push({
          segments: ['servers', i, 'args', j],
          message: 'malformed secret placeholder: write {{secret:NAME}} with NAME as [A-Za-z_][A-Za-z0-9_]*',
        });
      }
    });
    if (s.package) {
      const spec = `${s.package.name}@${s.package.version}`;
      if (!args.some((x) => x === spec || x.endsWith(`=${spec}`))) {
        out.push({
          segments: ['servers', i, 'args'],
          message: `must name the pinned package as "${spec}" (e.g. npx -y ${spec}); otherwise npx may run another version`,
        });
      }
    }
    if (s.sandbox && s.transport !== 'stdio') {
      out.push({ segments: ['servers', i, 'sandbox'], message: 'applies to stdio servers only (a remote server runs elsewhere)' });
    }
    if (s.toolPinning === 'pinned' && !s.toolPins) {
      out.push({
        segments: ['servers', i, 'toolPinning'],
        message: 'is "pinned" but the rule has no toolPins: run mcp-warden allowlist pin-tools FILE --server ' + s.id,
      });
    }
    if (s.image && !args.some((x) => x.includes(s.image?.digest ?? ''))) {
      out.push({
        segments: ['servers', i, 'args'],
        message: `must reference the image by its digest (…@${s.image.digest}); a tag can move`,
      });
    }
  });
  for (const list of ['allowed', 'blocked'] as const) {
    (a.marketplaces?.[list] ?? []).forEach((m, i) => {
      const pattern = m.source === 'hostPattern' ? m.hostPattern : m.source === 'pathPattern' ? m.pathPattern : undefined;
      if (pattern === undefined) return;
      try {
        new RegExp(pattern);
      } catch {
        out.push({ segments: ['marketplaces', list, i, m.source], message: 'is not a valid regular expression' });
      }
    });
  }
  return out;
}

export interface LintResult {
  format: SourceFormat;
  /** Set when there are no syntax errors and no errors. */
  allowlist?: Allowlist;
  /** The file could not be parsed (exit 2). */
  syntax: DocumentProblem[];
  /** Schema and rule violations (exit 1). */
  errors: DocumentProblem[];
  /** Worth knowing, not wrong (exit 0). */
  warnings: DocumentProblem[];
}

const DAY_MS = 24 * 3600 * 1000;
/** allowedDomains entries broad enough to be a mistake: a wildcard over a whole top-level domain. */
function broadDomains(list: readonly string[] | undefined): string[] {
  return (list ?? []).filter((d) => /^\*\.[^.:]+(?::\d+)?$/.test(d));
}
const broadWarning = (ds: string[]): string =>
  `${ds.join(', ')} opens every host under a top-level domain to the server: name the organisation's domain (*.example.com)`;
/** Warn when an allowlist expires this soon after signing: agents will go stale quickly. */
const EXPIRY_WARNING_DAYS = 14;

/** Lint allowlist text (YAML or JSON): every problem, each with JSON path and line:column. */
export function lintAllowlist(text: string, opts: { fileName?: string; format?: SourceFormat; now?: Date } = {}): LintResult {
  const now = opts.now ?? new Date();
  const checked = checkDocument<Allowlist>(text, {
    fileName: opts.fileName,
    format: opts.format,
    validate: (v) => allowlistValidator.validate(v),
    semantic: (a) => [...semanticIssues(a), ...lintOnlyIssues(a, now)],
  });
  return { format: checked.format, allowlist: checked.value, syntax: checked.syntax, errors: checked.problems, warnings: checked.warnings };
}

function lintOnlyIssues(a: Allowlist, now: Date): (SemanticIssue & { warning?: boolean })[] {
  const out: (SemanticIssue & { warning?: boolean })[] = [];
  // Same parser as the verifier, so lint and the agent agree on when a policy expires.
  const days = ((parseRfc3339(a.expires) ?? Number.NEGATIVE_INFINITY) - now.getTime()) / DAY_MS;
  if (days <= 0) {
    out.push({ segments: ['expires'], message: `${a.expires} is in the past: agents refuse an expired allowlist` });
  } else if (days < EXPIRY_WARNING_DAYS) {
    out.push({ segments: ['expires'], message: `expires in ${days.toFixed(1)} days: sign a new version before then`, warning: true });
  }
  if (a.mode === 'enforce' && a.servers.length === 0) {
    out.push({
      segments: ['servers'],
      message: 'is empty: in enforce mode every MCP server on every workstation is removed',
      warning: true,
    });
  }
  a.servers.forEach((s, i) => {
    const both = (s.tools?.ask ?? []).filter((t) => s.tools?.deny?.includes(t));
    if (both.length > 0)
      out.push({ segments: ['servers', i, 'tools'], message: `${both.join(', ')} in both ask and deny: deny wins`, warning: true });
    const broad = broadDomains(s.sandbox?.network?.allowedDomains);
    if (broad.length > 0)
      out.push({ segments: ['servers', i, 'sandbox', 'network', 'allowedDomains'], message: broadWarning(broad), warning: true });
    if (s.transport === 'stdio' && s.toolPinning === undefined && !s.toolPins) {
      out.push({
        segments: ['servers', i],
        message: `no tool pins: what "${s.id}" tells the model is not checked (run mcp-warden allowlist pin-tools FILE --server ${s.id}, or set toolPinning: tofu, or toolPinning: off to silence this)`,
        warning: true,
      });
    }
    if (
      s.onToolChange !== undefined &&
      s.transport === 'stdio' &&
      (s.toolPinning === 'off' || (s.toolPinning === undefined && !s.toolPins))
    ) {
      out.push({ segments: ['servers', i, 'onToolChange'], message: 'has no effect: tool pinning is off for this rule', warning: true });
    }
  });
  const broad = broadDomains(a.sandbox?.network?.allowedDomains);
  if (broad.length > 0) out.push({ segments: ['sandbox', 'network', 'allowedDomains'], message: broadWarning(broad), warning: true });
  return out;
}

// Pin checks for an argv that already matched a rule. Each pin the rule gives must hold:
//   sha256  — the pinned file (pinfile.ts) hashes to it;
//   package — argv names exactly `name@version` (npx / npm exec), and where npx has
//             installed it, the integrity in npx's cache lockfile equals the pin
//             (verified-notes.md). Not installed yet is approved with a note: npx will
//             fetch exactly that version, the next pass checks what it installed, and
//             `exec` re-checks at launch;
//   image   — `docker|podman run … name@sha256:digest`.
// A pin that does not hold is a mismatch; one that cannot be checked is unverifiable.
import type { ServerRule } from '../policy/types';
import type { JudgeContext } from './context';
import { commandBase } from './argv';
import { pinnedFile } from './pinfile';

export type PinOutcome =
  { status: 'ok'; notes: string[] } | { status: 'mismatch'; reason: string } | { status: 'unverifiable'; reason: string };

function sriTokens(sri: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const tok of sri.trim().split(/\s+/)) {
    const dash = tok.indexOf('-');
    if (dash > 0) out.set(tok.slice(0, dash).toLowerCase(), tok.slice(dash + 1).replace(/\?.*$/, ''));
  }
  return out;
}

const SRI_STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'];

/** SRI equality on the strongest algorithm the pin gives. */
export function integrityMatches(pinned: string, actual: string): boolean {
  const p = sriTokens(pinned);
  const a = sriTokens(actual);
  for (const algo of SRI_STRENGTH) {
    const want = p.get(algo);
    if (want !== undefined) return a.get(algo) === want;
  }
  return false;
}

function checkSha256(rule: ServerRule, argv: readonly string[], project: string | undefined, ctx: JudgeContext): PinOutcome {
  const ref = pinnedFile(rule, argv, project, ctx);
  if ('error' in ref) return { status: 'unverifiable', reason: `sha256 pin: ${ref.error}` };
  const h = ctx.hashFile(ref.file);
  if ('error' in h) return { status: 'unverifiable', reason: `sha256 pin: ${ref.file}: ${h.error}` };
  if (h.sha256.toLowerCase() !== (rule.sha256 ?? '').toLowerCase()) {
    return { status: 'mismatch', reason: `sha256 of ${ref.file} is not the pinned one (rule ${rule.id})` };
  }
  return { status: 'ok', notes: [] };
}

function isNpxRunner(argv: readonly string[]): boolean {
  const base = commandBase(argv[0] ?? '');
  if (base === 'npx') return true;
  return base === 'npm' && (argv[1] === 'exec' || argv[1] === 'x');
}

function checkPackage(rule: ServerRule, argv: readonly string[], ctx: JudgeContext): PinOutcome {
  const pin = rule.package;
  if (!pin) return { status: 'ok', notes: [] };
  const spec = `${pin.name}@${pin.version}`;
  const args = argv.slice(1);
  if (!args.some((a) => a === spec || a === `--package=${spec}`)) {
    return { status: 'mismatch', reason: `arguments do not name exactly ${spec} (rule ${rule.id})` };
  }
  if (!isNpxRunner(argv)) {
    return { status: 'unverifiable', reason: `package pins are verified for npx and npm exec only (rule ${rule.id})` };
  }
  const installs = ctx.npxInstalls(spec, pin.name);
  if (!Array.isArray(installs)) return { status: 'unverifiable', reason: `npx cache: ${installs.error}` };
  if (installs.length === 0) {
    return { status: 'ok', notes: [`${spec} is not in npx's cache yet; its integrity is checked once npx installs it`] };
  }
  for (const inst of installs) {
    if (inst.version !== undefined && inst.version !== pin.version) {
      return { status: 'mismatch', reason: `npx installed ${pin.name} ${inst.version}, not the pinned ${pin.version}` };
    }
    if (inst.integrity === undefined) {
      return { status: 'unverifiable', reason: `npx's lockfile in ${inst.folder} records no integrity for ${pin.name}` };
    }
    if (!integrityMatches(pin.integrity, inst.integrity)) {
      return { status: 'mismatch', reason: `the ${spec} npx installed does not have the pinned integrity` };
    }
  }
  return { status: 'ok', notes: [] };
}

function checkImage(rule: ServerRule, argv: readonly string[]): PinOutcome {
  const pin = rule.image;
  if (!pin) return { status: 'ok', notes: [] };
  const base = commandBase(argv[0] ?? '');
  const runIndex = argv.indexOf('run');
  if ((base !== 'docker' && base !== 'podman') || runIndex < 1) {
    return { status: 'unverifiable', reason: `image pins are verified for docker run and podman run only (rule ${rule.id})` };
  }
  const digest = pin.digest.toLowerCase();
  const ok = argv.slice(runIndex + 1).some((a) => {
    const at = a.lastIndexOf('@');
    if (at < 0 || a.slice(at + 1).toLowerCase() !== digest) return false;
    return pin.name === undefined || a.slice(0, at) === pin.name;
  });
  if (!ok) {
    const want = pin.name !== undefined ? `${pin.name}@${pin.digest}` : pin.digest;
    return { status: 'mismatch', reason: `the image is not referenced by the pinned digest ${want} (rule ${rule.id})` };
  }
  return { status: 'ok', notes: [] };
}

/** Every pin the rule gives, in a fixed order; the first failure decides. */
export function checkPins(rule: ServerRule, argv: readonly string[], project: string | undefined, ctx: JudgeContext): PinOutcome {
  const notes: string[] = [];
  const checks: Array<() => PinOutcome> = [];
  if (rule.sha256 !== undefined) checks.push(() => checkSha256(rule, argv, project, ctx));
  if (rule.package !== undefined) checks.push(() => checkPackage(rule, argv, ctx));
  if (rule.image !== undefined) checks.push(() => checkImage(rule, argv));
  if (checks.length === 0) return { status: 'unverifiable', reason: `rule ${rule.id} has no pin (sha256, package or image)` };
  let unverifiable: PinOutcome | undefined;
  for (const check of checks) {
    const r = check();
    if (r.status === 'mismatch') return r;
    if (r.status === 'unverifiable') unverifiable ??= r;
    else notes.push(...r.notes);
  }
  return unverifiable ?? { status: 'ok', notes };
}

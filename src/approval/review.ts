// The review `allowlist add` prints before an admin approves a package: what a careful
// admin would look up by hand (Santa's lesson: approval has to be fast to survive, and
// fast is only safe when the checks come with it). Pure: facts in, findings out.
import type { NpmFacts, TreeFacts } from './npm-facts';
import type { SignatureVerdict } from './npm-signature';
import { looksLike } from './typosquat';

export type FindingLevel = 'block' | 'warn' | 'info' | 'ok';

export interface Finding {
  level: FindingLevel;
  /** Stable identifier, e.g. `install-scripts`, for --json readers. */
  check: string;
  message: string;
}

export interface ReviewOptions {
  now: Date;
  /** A version younger than this is warned about (a new release may be a hijack). */
  cooldownDays: number;
  /** Maintainers of the version before this one, when known. */
  previousMaintainers?: string[];
  previousVersion?: string;
  /** Why there is no tree: skipped on request (--no-tree), or npm's error. */
  treeSkipped?: boolean;
  treeError?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function reviewNpm(f: NpmFacts, tree: TreeFacts | undefined, sig: SignatureVerdict, o: ReviewOptions): Finding[] {
  const out: Finding[] = [];
  const own = Object.keys(f.installScripts);
  if (own.length > 0 || f.gyp) {
    const list = own.map((s) => `${s}: ${f.installScripts[s]}`);
    if (f.gyp && !own.includes('install')) list.push('binding.gyp (node-gyp rebuild)');
    out.push({ level: 'warn', check: 'install-scripts', message: `runs code on install: ${list.join('; ')}` });
  } else {
    out.push({ level: 'ok', check: 'install-scripts', message: 'no install scripts of its own' });
  }
  if (tree) {
    out.push({
      level: 'info',
      check: 'dependencies',
      message: `${tree.dependencies} package${tree.dependencies === 1 ? '' : 's'} in its dependency tree`,
    });
    if (tree.withInstallScripts.length > 0) {
      out.push({
        level: 'warn',
        check: 'dependency-install-scripts',
        message: `dependencies with install scripts: ${tree.withInstallScripts.join(', ')}`,
      });
    }
  } else if (o.treeSkipped) {
    out.push({
      level: 'info',
      check: 'dependencies',
      message: 'dependency tree not resolved (--no-tree): its size and install scripts are not reviewed',
    });
  } else {
    const why = o.treeError ? `: ${o.treeError.slice(0, 300)}` : '';
    out.push({
      level: 'warn',
      check: 'dependencies',
      message: `dependency tree not resolved (npm install --package-lock-only failed${why})`,
    });
  }
  switch (sig.status) {
    case 'verified':
      out.push({ level: 'ok', check: 'registry-signature', message: `registry signature verified (${sig.keyid})` });
      break;
    case 'invalid':
      out.push({ level: 'block', check: 'registry-signature', message: `registry signature INVALID (${sig.keyid}): ${sig.reason}` });
      break;
    case 'unsigned':
      out.push({ level: 'warn', check: 'registry-signature', message: 'the registry serves no signature for this version' });
      break;
    default:
      out.push({ level: 'warn', check: 'registry-signature', message: `registry signature not checked: ${sig.reason}` });
  }
  out.push(
    f.provenance
      ? { level: 'ok', check: 'provenance', message: 'provenance attestation published (built in CI from a public repository)' }
      : { level: 'info', check: 'provenance', message: 'no provenance attestation' },
  );
  const days = f.published ? (o.now.getTime() - Date.parse(f.published)) / DAY_MS : NaN;
  if (Number.isFinite(days)) {
    out.push(
      days < o.cooldownDays
        ? {
            level: 'warn',
            check: 'age',
            message: `published ${formatAge(days)} ago (${f.published}), inside the ${o.cooldownDays}-day cooldown: a hijacked release is usually caught within days`,
          }
        : { level: 'ok', check: 'age', message: `published ${formatAge(days)} ago (${f.published})` },
    );
  } else {
    out.push({ level: 'warn', check: 'age', message: 'the registry gives no publish time' });
  }
  if (f.deprecated) out.push({ level: 'warn', check: 'deprecated', message: f.deprecated.slice(0, 200) });
  if (f.latest && f.latest !== f.version)
    out.push({ level: 'info', check: 'latest', message: `not the latest version (latest is ${f.latest})` });
  if (o.previousVersion) {
    if (!f.maintainers || !o.previousMaintainers) {
      out.push({ level: 'info', check: 'maintainers', message: 'maintainers unknown (the registry does not list them)' });
    } else {
      const added = f.maintainers.filter((m) => !o.previousMaintainers!.includes(m));
      const gone = o.previousMaintainers.filter((m) => !f.maintainers!.includes(m));
      out.push(
        added.length || gone.length
          ? {
              level: 'warn',
              check: 'maintainers',
              message: `maintainers changed since ${o.previousVersion}: ${[...added.map((m) => `+${m}`), ...gone.map((m) => `-${m}`)].join(' ')}`,
            }
          : { level: 'ok', check: 'maintainers', message: `same maintainers as ${o.previousVersion}` },
      );
    }
  }
  const like = looksLike(f.name);
  if (like)
    out.push({
      level: 'warn',
      check: 'typosquat',
      message: `name close to the popular package ${like}: make sure this is the one you mean`,
    });
  return out;
}

function formatAge(days: number): string {
  if (days < 1) return `${Math.max(0, Math.round(days * 24))} h`;
  if (days < 60) return `${Math.floor(days)} days`;
  return `${Math.floor(days / 30)} months`;
}

/** The version published just before `version` (by publish order), if any. */
export function previousVersion(f: NpmFacts): string | undefined {
  const i = f.versions.indexOf(f.version);
  return i > 0 ? f.versions[i - 1] : undefined;
}

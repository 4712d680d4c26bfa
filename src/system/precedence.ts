// What the managed sources present on a machine mean for our drop-in (reference §3.7):
// Claude Code takes managed settings from the FIRST source that delivers any key and ignores
// the rest (server-managed > MDM plist / HKLM > managed-settings.json + drop-ins > HKCU).
// Within the file tier, lists concatenate across files and scalars go to the file that
// sorts last. Pure: fed by discoverSources().
import type { ManagedSource } from './sources';

export type EffectiveTier = 'mdm' | 'file' | 'hkcu' | 'none';

export interface SourceAssessment {
  /** The tier Claude Code takes its managed settings from, among the sources visible here. */
  effective: EffectiveTier;
  /** Our drop-in exists and nothing visible outranks it. */
  dropInEffective: boolean;
  /** Things that defeat or weaken our drop-in. */
  warnings: string[];
  /** Facts worth knowing that do not defeat it. */
  info: string[];
}

/** A source whose keys could not be read is assumed to deliver some: the safe reading for a warning. */
function delivers(s: ManagedSource): boolean {
  return s.keys === undefined || s.keys.length > 0;
}

const SCALARS = ['allowManagedMcpServersOnly', 'enableAllProjectMcpServers'] as const;

export function assessSources(sources: readonly ManagedSource[]): SourceAssessment {
  const warnings: string[] = [];
  const info: string[] = [];
  const ours = sources.find((s) => s.ours);
  const mdm = sources.filter((s) => (s.kind === 'plist-device' || s.kind === 'plist-user' || s.kind === 'hklm') && delivers(s));
  const fileTier = sources.filter((s) => s.kind === 'managed-settings.json' || s.kind === 'drop-in');
  const hkcu = sources.filter((s) => s.kind === 'hkcu' && delivers(s));

  for (const s of mdm) {
    const who = s.kind === 'plist-user' ? ` for the user whose folder holds it` : '';
    warnings.push(
      `${s.location} delivers managed settings${who}: Claude Code uses it and ignores managed-settings.json and every managed-settings.d drop-in, ours included. Put the MCP policy into that source, or remove it.`,
    );
  }
  if (!ours) warnings.push('our drop-in is not present: Claude Code enforces nothing from the signed allowlist');
  else if (ours.problem) warnings.push(`our drop-in ${ours.location} is unreadable (${ours.problem})`);

  const oursIdx = ours ? fileTier.indexOf(ours) : -1;
  fileTier.forEach((s, i) => {
    if (s.ours) return;
    if (s.problem) {
      warnings.push(`${s.location} is unreadable (${s.problem}): run \`claude doctor\` to see what Claude Code makes of it`);
      return;
    }
    const keys = s.keys ?? [];
    if (keys.includes('allowedMcpServers')) {
      warnings.push(
        `${s.location} also sets allowedMcpServers: managed lists are concatenated, so servers it allows are allowed natively even if the signed allowlist does not approve them (the agent still removes them)`,
      );
    }
    const overridden = SCALARS.filter((k) => keys.includes(k));
    if (overridden.length > 0 && oursIdx >= 0 && i > oursIdx) {
      warnings.push(`${s.location} sorts after our drop-in and sets ${overridden.join(', ')}: its value overrides ours`);
    }
  });

  for (const s of hkcu) {
    if (mdm.length > 0 || fileTier.some(delivers)) info.push(`${s.location} is ignored while a higher managed source delivers settings`);
  }
  const mcp = sources.find((s) => s.kind === 'managed-mcp.json');
  if (mcp) {
    warnings.push(
      `${mcp.location} exists: it has exclusive control, so Claude Code loads only its servers and ignores every user, project and local server; since Claude Code 2.1.259 the allowlist no longer applies to its entries (the denylist still does)`,
    );
  }
  info.push(
    'server-managed settings (claude.ai admin console or a gateway) outrank every source on this machine and cannot be seen from here: check the "Setting sources" line of /status in Claude Code',
  );

  const effective: EffectiveTier = mdm.length > 0 ? 'mdm' : fileTier.some(delivers) ? 'file' : hkcu.length > 0 ? 'hkcu' : 'none';
  return { effective, dropInEffective: Boolean(ours && !ours.problem) && mdm.length === 0, warnings, info };
}

// `mcp-warden allowlist pin-tools FILE --server ID [--timeout MS] [--dry-run] [--json]`:
// launch the rule's server once and write the digests of its tools, prompts and resource
// templates into the rule (docs/tool-pinning.md). Never signs.
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { commandContext } from '../context';
import { ExitCode, InputError } from '../../errors';
import { readCapped, writeFileAtomic } from '../../util/fsio';

interface PinFlags {
  server: string;
  timeout: string;
  dryRun?: boolean;
  json?: boolean;
}

async function pinCommand(cmd: Command, file: string, f: PinFlags): Promise<number> {
  const timeoutMs = Number(f.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000)
    throw new InputError({ code: 'USAGE', message: '--timeout must be milliseconds between 100 and 600000' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readCapped(file, 4 * 1024 * 1024));
  } catch (e) {
    if (e instanceof TypeError) throw new InputError({ code: 'PARSE_ERROR', message: `${file}: not UTF-8 text`, file });
    throw e;
  }
  const { pinTools } = await import('../../approval/pin-tools');
  const r = await pinTools(commandContext(cmd), file, text, f.server, { timeoutMs });
  if (!f.dryRun) writeFileAtomic(file, r.text);
  if (f.json) {
    outJson({
      file,
      server: f.server,
      index: r.index,
      written: !f.dryRun,
      serverInfo: r.serverInfo,
      counts: r.counts,
      toolPins: r.pins,
      diff: r.diff,
    });
    return ExitCode.OK;
  }
  const info = r.serverInfo?.name ? ` (${r.serverInfo.name}${r.serverInfo.version ? ` ${r.serverInfo.version}` : ''})` : '';
  out(
    `${f.server}${info}: ${r.counts.tools} tools, ${r.counts.prompts} prompts, ${r.counts.resourceTemplates} resource templates; server digest ${r.pins.server}`,
  );
  for (const d of r.diff) out(`  ${d.change.padEnd(7)} ${d.kind} ${JSON.stringify(d.name)}`);
  out(`${f.dryRun ? 'dry run: would write' : 'wrote'} toolPins into servers[${r.index}] of ${file}`);
  if (!f.dryRun)
    out(`next: raise \`version\`, then mcp-warden allowlist lint ${file} && mcp-warden allowlist sign ${file} --key … --out …`);
  return ExitCode.OK;
}

export function registerPinTools(group: Command): void {
  group
    .command('pin-tools <file>')
    .description("launch a rule's server once and write the digests of its tools, prompts and resource templates into the rule (toolPins)")
    .requiredOption('--server <id>', 'the rule id')
    .option('--timeout <ms>', 'how long the server may take to answer', '30000')
    .option('--dry-run', 'show, write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe server is started as `mcp-warden exec` would start it: the argv is judged against the\nrule and its pins (sha256, package integrity, image digest) are checked first; npm runs\noffline. {{secret:NAME}} placeholders are filled from the environment variable NAME for\nthis one launch. Nothing is signed: raise the version and sign as usual.\n\nExit codes: 0 written, 1 refused (the argv or a pin does not hold), 2 bad input,\n3 the server did not start or answer.\n',
    )
    .action(action((file: string, flags: PinFlags, cmd: Command) => pinCommand(cmd, file, flags)));
}

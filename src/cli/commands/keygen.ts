// `mcp-warden keygen`: an Ed25519 key pair for signing allowlists (docs/allowlist.md).
import * as path from 'node:path';
import type { Command } from 'commander';
import { action } from '../runtime';
import { out, outJson } from '../../host/output';
import { generateKeyFiles } from '../../policy/signing';

interface KeygenFlags {
  outDir: string;
  name: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('keygen')
    .description('make an Ed25519 key pair for signing allowlists (private key PKCS#8 PEM mode 0600, public key SPKI PEM)')
    .requiredOption('--out-dir <dir>', 'folder for NAME.key.pem and NAME.pub.pem (created 0700 if missing)')
    .option('--name <name>', 'file name stem', 'allowlist-signing')
    .option('--json', 'print the key id and file paths as JSON')
    .addHelpText(
      'after',
      '\nNever overwrites an existing key. Keep NAME.key.pem offline; put NAME.pub.pem (or its\ncontents) in the agent config under trust.keys. The key id is the SHA-256 of the public\nkey (SPKI DER), as `allowlist verify` prints it.\n\nExit codes: 0 written, 2 usage error or a key file already exists.\n',
    )
    .action(
      action((flags: KeygenFlags) => {
        const k = generateKeyFiles(path.resolve(flags.outDir), flags.name);
        if (flags.json) {
          outJson(k);
          return;
        }
        out(`key id:      ${k.keyId}`);
        out(`private key: ${k.privateKeyFile} (keep offline; mode 0600)`);
        out(`public key:  ${k.publicKeyFile}`);
        out('');
        out('agent config:');
        out('  trust:');
        out('    keys:');
        out(`      - publicKeyFile: ${k.publicKeyFile}`);
      }),
    );
}

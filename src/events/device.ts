// Who this device is, for drift events. The id is a hash of the OS machine id and the OS
// account the agent runs for (so the raw id does not leave the machine), falling back to a
// random id kept in the state folder (which is per account already). Per account, because
// each agent on a machine (each user's, and `system apply` as root) has its own posture and
// its own collector credential, and the collector enrols a device id only once: a machine
// hash alone would let the first agent to enrol lock the others out.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { DeviceInfo } from './types';

function osMachineId(): string | undefined {
  try {
    if (process.platform === 'linux') {
      for (const f of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8').trim() || undefined;
      }
    } else if (process.platform === 'darwin') {
      const out = execFileSync('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], { encoding: 'utf8', timeout: 2000 });
      return /"IOPlatformUUID" = "([^"]+)"/.exec(out)?.[1];
    } else if (process.platform === 'win32') {
      const out = execFileSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid'], {
        encoding: 'utf8',
        timeout: 2000,
      });
      return /MachineGuid\s+REG_SZ\s+(\S+)/.exec(out)?.[1];
    }
  } catch {
    // fall through to the state-folder id
  }
  return undefined;
}

function stateDeviceId(stateDir: string): string {
  const f = path.join(stateDir, 'device-id');
  try {
    const v = fs.readFileSync(f, 'utf8').trim();
    if (/^[0-9a-f-]{16,64}$/.test(v)) return v;
  } catch {
    // create below
  }
  const v = crypto.randomUUID();
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(f, v + '\n', { mode: 0o600 });
  return v;
}

let cached: DeviceInfo | undefined;

export function deviceInfo(stateDir: string, override?: string): DeviceInfo {
  if (cached && !override) return cached;
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  const raw = override ? undefined : osMachineId();
  const id =
    override ??
    (raw ? crypto.createHash('sha256').update(`mcp-warden:${raw}:${user}`).digest('hex').slice(0, 32) : stateDeviceId(stateDir));
  const info: DeviceInfo = { id, hostname: os.hostname(), os: `${process.platform}-${os.release()}`, user };
  if (!override) cached = info;
  return info;
}

// Telling the developer that something of theirs was removed: a desktop notification
// where one is available, never an error when it is not (the agent has no console).
import { execFile } from 'node:child_process';

export interface Notice {
  title: string;
  body: string;
}

function run(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const child = execFile(cmd, args, { timeout: 5000, windowsHide: true }, (e) => resolve(!e));
      child.on('error', () => resolve(false));
    } catch {
      resolve(false);
    }
  });
}

/** AppleScript string literal. */
function asQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Best effort; resolves false when no notifier is available or it failed. */
export function notifyDesktop(n: Notice): Promise<boolean> {
  switch (process.platform) {
    case 'darwin':
      return run('osascript', ['-e', `display notification ${asQuote(n.body)} with title ${asQuote(n.title)}`]);
    case 'linux':
      if (!process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        return Promise.resolve(false);
      }
      return run('notify-send', ['--app-name=mcp-warden', n.title, n.body]);
    default:
      // Windows: a toast needs an AppUserModelID; the log line is the record there.
      return Promise.resolve(false);
  }
}

/**
 * The plain message for a removed server: what, why, and how to ask for approval
 * (`mcp-warden request <quarantine id>`, which files it with the collector; the policy's
 * `requestApproval` link too when it has one).
 */
export function removalNotice(server: string, reason: string, requestApproval?: string, quarantineId?: string): Notice {
  const cmd = `mcp-warden request ${quarantineId ?? JSON.stringify(server)} --reason "…"`;
  const ask = ` To ask for approval: ${cmd}${requestApproval ? ` (or ${requestApproval})` : ''}.`;
  return {
    title: 'MCP server removed by your organisation',
    body: `"${server}" was removed from your Claude Code config: ${reason}. It is saved and can be restored (mcp-warden quarantine list).${ask}`,
  };
}

/** An approved server put back by the agent. */
export function restoredNotice(server: string, policyVersion: number | undefined): Notice {
  return {
    title: 'MCP server approved and restored',
    body: `"${server}" was approved by your organisation${policyVersion !== undefined ? ` (allowlist v${policyVersion})` : ''} and is back in your config.`,
  };
}

/** A request the organisation denied, with its reason. */
export function deniedNotice(server: string, requestId: string, reason: string): Notice {
  return {
    title: 'MCP server request denied',
    body: `Your request ${requestId} for "${server}" was denied: ${reason || 'no reason given'}.`,
  };
}

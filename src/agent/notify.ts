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

/** The plain message for a removed server: what, why, and how to ask for approval. */
export function removalNotice(server: string, reason: string, requestApproval?: string): Notice {
  const ask = requestApproval ? ` To request approval: ${requestApproval}` : ' Ask your IT team to approve it.';
  return {
    title: 'MCP server removed by your organisation',
    body: `"${server}" was removed from your Claude Code config: ${reason}. It is saved and can be restored (mcp-warden quarantine list).${ask}`,
  };
}

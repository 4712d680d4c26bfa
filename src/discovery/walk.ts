// What a discovery walk records about each file it asks for: the file's role, and where in
// the walk it stood (what an incremental pass needs to read that one file again alone).
import type { SettingsFileKind } from '../inventory/types';
import type { ClientId } from '../clients/types';

export type Role =
  | { kind: 'claude-json'; configHome: string }
  | { kind: 'mcp-json'; configHome: string }
  | { kind: 'managed-settings'; configHome: string }
  /** Plugin bookkeeping and manifests: the document is kept whole (they are small). */
  | { kind: 'plugin-json'; configHome: string }
  /** Another MCP client's file (src/clients). */
  | { kind: 'client'; client: ClientId; scope: 'user' | 'project'; configHome: string; project?: string }
  | { kind: SettingsFileKind; configHome: string; project?: string };

/**
 * One file the walk asked for, in walk order (missing files included): what an
 * incremental pass needs to read that file again alone (src/discovery/incremental.ts).
 * `plain`: reached by its own path (no link on the way, not an alias of another file).
 */
export interface WalkedFile {
  role: Role;
  scanRoot: string;
  plain: boolean;
  /** Position in the walk. */
  order: number;
}

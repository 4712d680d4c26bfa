// Which `.mcp.json` servers a settings file's approval lists can name. A project's
// settings (and its `.claude.json` project entry) govern the `.mcp.json` of the project
// and of every folder above it (Claude Code reads them all); user settings govern every
// project. Pure.
import * as path from 'node:path';
import type { ServerEntry, SettingsState } from '../inventory/types';

// Both are absolute, normalised paths (discovery makes them so): a prefix test that
// respects separators (`/a/b` is not an ancestor of `/a/bc`) is exact and cheap.
function isAncestorOrSelf(dir: string, of: string): boolean {
  if (of === dir) return true;
  const withSep = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return of.startsWith(withSep);
}

/** Project-scope entries a settings state's lists refer to. */
export function entriesGovernedBy(settings: SettingsState, projectEntries: readonly ServerEntry[]): ServerEntry[] {
  if (settings.kind === 'user-settings' || settings.project === undefined) return [...projectEntries];
  const project = settings.project;
  return projectEntries.filter((e) => isAncestorOrSelf(path.dirname(e.file), project));
}

/** Settings states whose lists may name `entry` (a project-scope entry). */
export function settingsGoverning(entry: ServerEntry, all: readonly SettingsState[]): SettingsState[] {
  const dir = path.dirname(entry.file);
  return all.filter((s) => s.kind === 'user-settings' || s.project === undefined || isAncestorOrSelf(dir, s.project));
}

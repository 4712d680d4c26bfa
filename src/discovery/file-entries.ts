// What one file contributes to the inventory. A `.claude.json` gives user-scope entries
// (top-level mcpServers), local-scope entries (projects[key].mcpServers), project keys and
// the approval keys Claude Code still keeps per project; a `.mcp.json` gives project-scope
// entries; a settings file gives the keys that approve `.mcp.json` servers.
import * as path from 'node:path';
import type { MarketplaceState, PluginEnablement, ServerEntry, SettingsFileKind, SettingsState } from '../inventory/types';
import { entriesAt } from '../inventory/entries';

export interface FileScan {
  entries: ServerEntry[];
  settings: SettingsState[];
  /** Project keys (absolute paths) of a `.claude.json`. */
  projectKeys: string[];
  /** `enabledPlugins` items of a settings file. */
  plugins?: PluginEnablement[];
  /** `extraKnownMarketplaces` of a settings file. */
  marketplaces?: MarketplaceState[];
  /** The whole document, kept only for the small plugin bookkeeping files. */
  doc?: Record<string, unknown>;
}

const PLUGIN_SCOPE = {
  'user-settings': 'user',
  'project-settings': 'project',
  'local-settings': 'local',
  'managed-settings': 'managed',
} as const;

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What a settings file says about plugins and marketplaces. */
export function pluginSettings(
  file: string,
  kind: keyof typeof PLUGIN_SCOPE,
  configHome: string,
  project: string | undefined,
  doc: Record<string, unknown>,
): Pick<FileScan, 'plugins' | 'marketplaces'> {
  const out: Pick<FileScan, 'plugins' | 'marketplaces'> = {};
  if (isObj(doc.enabledPlugins)) {
    out.plugins = Object.entries(doc.enabledPlugins).map(([id, value]) => {
      const p: PluginEnablement = { file, scope: PLUGIN_SCOPE[kind], configHome, id, value };
      if (project !== undefined) p.project = project;
      return p;
    });
  }
  if (isObj(doc.extraKnownMarketplaces)) {
    out.marketplaces = Object.entries(doc.extraKnownMarketplaces).map(([name, m]) => ({
      name,
      source: isObj(m) ? m.source : undefined,
      file,
      configHome,
    }));
  }
  return out;
}

// `disabledMcpServers` (the `/mcp` toggle, per project in `.claude.json`) is kept so that a
// rename carries a server's "off" over to its new name.
const APPROVAL_KEYS = ['enableAllProjectMcpServers', 'enabledMcpjsonServers', 'disabledMcpjsonServers', 'disabledMcpServers'] as const;

function settingsFrom(obj: Record<string, unknown>, base: Omit<SettingsState, (typeof APPROVAL_KEYS)[number]>): SettingsState | undefined {
  if (!APPROVAL_KEYS.some((k) => k in obj)) return undefined;
  const s: SettingsState = { ...base };
  for (const k of APPROVAL_KEYS) if (k in obj) s[k] = obj[k];
  return s;
}

function isAbsoluteKey(key: string): boolean {
  // Keys are written with forward slashes on every platform (`C:/Users/…` on Windows).
  return path.isAbsolute(key) || /^[A-Za-z]:\//.test(key);
}

export function scanClaudeJson(file: string, configHome: string, doc: Record<string, unknown>): FileScan {
  const entries = entriesAt({ file, scope: 'user', configHome }, doc, ['mcpServers']);
  const settings: SettingsState[] = [];
  const projectKeys: string[] = [];
  const projects = doc.projects;
  if (projects !== null && typeof projects === 'object' && !Array.isArray(projects)) {
    for (const [key, p] of Object.entries(projects as Record<string, unknown>)) {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) continue;
      const project = path.normalize(key);
      if (isAbsoluteKey(key)) projectKeys.push(project);
      entries.push(...entriesAt({ file, scope: 'local', configHome, project }, doc, ['projects', key, 'mcpServers']));
      const s = settingsFrom(p as Record<string, unknown>, {
        file,
        kind: 'claude-json-project',
        jsonPath: ['projects', key],
        project,
        configHome,
      });
      if (s) settings.push(s);
    }
  }
  return { entries, settings, projectKeys };
}

export function scanMcpJson(file: string, configHome: string, doc: Record<string, unknown>): FileScan {
  const project = path.dirname(file);
  return { entries: entriesAt({ file, scope: 'project', configHome, project }, doc, ['mcpServers']), settings: [], projectKeys: [] };
}

export function scanSettings(
  file: string,
  kind: SettingsFileKind,
  configHome: string,
  project: string | undefined,
  doc: Record<string, unknown>,
): FileScan {
  const base = project !== undefined ? { file, kind, configHome, project } : { file, kind, configHome };
  const s = settingsFrom(doc, base);
  const plugins = kind === 'claude-json-project' ? {} : pluginSettings(file, kind, configHome, project, doc);
  return { entries: [], settings: s ? [s] : [], projectKeys: [], ...plugins };
}

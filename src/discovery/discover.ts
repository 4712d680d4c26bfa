// discover(): every MCP server entry Claude Code would start for this user, and every
// settings file that approves project servers. Read-only and bounded (byte cap per file,
// project cap, depth cap, no symlinks out of the scanned folders).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Inventory, PluginEnablement, UnreadableFile } from '../inventory/types';
import type { Scope } from '../policy/types';
import { scanAgentsDir } from './agents';
import { findConfigHomes, type ConfigHome } from './homes';
import { pluginRoots, scanPlugin } from './plugins';
import { parentFolders, scanRoots } from './projects';
import { fileSig, readConfigFile } from './read';
import { pluginSettings, scanClaudeJson, scanMcpJson, scanSettings, type FileScan } from './file-entries';
import type { DiscoveryCache } from './cache';
import type { TextHandoff } from '../fsedit/known';
import type { Role, WalkedFile } from './walk';
import { OTHER_CLIENTS } from '../clients/adapters';
import { scanClientDoc } from '../clients/entries';
import type { ClientAdapter } from '../clients/types';

export interface DiscoverOptions {
  home: string;
  /** Folders a CLAUDE_CONFIG_DIR is known to point to (besides those found in the home). */
  configDirs?: string[];
  /** discovery.roots (`~` = the home). */
  roots?: string[];
  /** Folder depth below each root. Default 4. */
  maxDepth?: number;
  /** Cap on projects. Default 5000. */
  maxProjects?: number;
  /** Byte cap per config file. Default 64 MiB. */
  maxFileBytes?: number;
  /** Reuse what an earlier pass read from files that have not changed. */
  cache?: DiscoveryCache;
  /** Files to read again whatever their stat says (the agent's changed files). */
  fresh?: readonly string[];
  /** Claude Code's managed folder, whose settings may enable plugins. Unset: not read. */
  managedDir?: string;
  /** The OS whose client file locations apply (src/clients). Default: this one. */
  platform?: NodeJS.Platform;
  /** %APPDATA% (Windows client files). Default: `<home>/AppData/Roaming`. */
  appData?: string;
  /** Read the other clients' files (src/clients). Default true; false measures their cost. */
  otherClients?: boolean;
  /** Keep the big files' texts for this pass's edits (fsedit/known.ts); not part of walkKey. */
  texts?: TextHandoff;
}

/** What decides the walk: a discovery with other options is not a base for an incremental one. */
export function walkKey(opts: DiscoverOptions): string {
  return JSON.stringify([
    opts.home,
    opts.configDirs,
    opts.roots,
    opts.maxDepth,
    opts.maxProjects,
    opts.maxFileBytes,
    opts.managedDir,
    opts.platform,
    opts.appData,
    opts.otherClients,
  ]);
}

export const DISCOVERY_DEFAULTS = { maxDepth: 4, maxProjects: 5000, maxFileBytes: 64 * 1024 * 1024 } as const;

function realOr(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** The real path of an existing file; undefined when it is missing (the common case: no exception). */
function realIfExists(file: string): string | undefined {
  try {
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

const ROLE_NAMES: Record<Role['kind'], string> = {
  'claude-json': 'a .claude.json (user and local scope)',
  'mcp-json': 'a project .mcp.json',
  'user-settings': 'user settings',
  'project-settings': 'project settings',
  'local-settings': 'local project settings',
  'claude-json-project': 'a .claude.json project',
  'managed-settings': 'managed settings',
  'plugin-json': 'a plugin .mcp.json',
  client: "another MCP client's config",
};

function aliasProblem(file: string, real: string, first: { file: string; kind: Role['kind'] }): UnreadableFile {
  return {
    file,
    code: 'SYMLINK_ALIAS',
    reason: `leads to ${real}, already judged as ${ROLE_NAMES[first.kind]} (${first.file}); not judged again here, never written through this path`,
  };
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return path.resolve(p);
}

function readKind(role: Role): 'json' | 'claude-json' | 'jsonc' | 'toml' {
  if (role.kind === 'claude-json') return 'claude-json';
  return role.kind === 'client' ? (OTHER_CLIENTS.find((a) => a.id === role.client)?.syntax ?? 'json') : 'json';
}

export class Discovery {
  readonly inv: Inventory = { entries: [], settings: [], unreadable: [], files: [], folders: [], projects: [], configHomes: [] };
  /** Every file asked for, first role wins (as for seenFiles). */
  readonly walk = new Map<string, WalkedFile>();
  private readonly seenFiles = new Set<string>();
  /** Real path → the path and role it was first read in. */
  private readonly realFiles = new Map<string, { file: string; kind: Role['kind'] }>();
  private readonly folders = new Set<string>();
  private readonly cacheKeys = new Set<string>();
  private readonly fresh: ReadonlySet<string>;
  private readonly maxBytes: number;

  constructor(
    private readonly opts: DiscoverOptions,
    private readonly globalRoots: string[],
  ) {
    this.fresh = new Set(opts.fresh ?? []);
    this.maxBytes = opts.maxFileBytes ?? DISCOVERY_DEFAULTS.maxFileBytes;
  }

  folder(dir: string): void {
    this.folders.add(dir);
  }

  /** Read `file` in `role` (once per pass), adding what it holds to the inventory. */
  file(file: string, role: Role, scanRoot: string): FileScan | undefined {
    if (this.seenFiles.has(file)) return undefined;
    this.seenFiles.add(file);
    const walked: WalkedFile = { role, scanRoot, plain: true, order: this.walk.size };
    this.walk.set(file, walked);
    // A file reached twice (a symlink, a folder reached two ways) is one file, judged once
    // in the role of the path that reached it first. Config homes come first, so a repo's
    // `.mcp.json -> ../../.claude.json` is reported, never judged as project scope.
    const real = realIfExists(file);
    if (real !== undefined) {
      if (real !== file) walked.plain = false;
      const first = this.realFiles.get(real);
      if (first !== undefined) {
        walked.plain = false;
        if (first.kind !== role.kind) this.inv.unreadable.push(aliasProblem(file, real, first));
        return undefined;
      }
      this.realFiles.set(real, { file, kind: role.kind });
    }
    const cacheKey = `${role.kind}\u0000${file}\u0000${role.configHome}\u0000${'project' in role ? (role.project ?? '') : ''}`;
    const cache = this.opts.cache;
    let scan: FileScan | undefined;
    let unreadable: UnreadableFile | undefined;
    const sig = cache && !this.fresh.has(file) ? fileSig(file) : undefined;
    const hit = sig !== undefined ? cache?.get(cacheKey, sig) : undefined;
    if (hit) {
      if ('scan' in hit) scan = hit.scan;
      else unreadable = hit.unreadable;
    } else {
      const r = readConfigFile(file, this.maxBytes, [realOr(scanRoot), ...this.globalRoots], readKind(role), this.opts.texts);
      if (r.kind === 'missing') return undefined;
      if (r.kind === 'unreadable') {
        unreadable = r.problem;
        const s = fileSig(file);
        if (s !== undefined) cache?.set(cacheKey, { sig: s, unreadable });
      } else {
        scan = this.scanOne(file, role, r.value);
        cache?.set(cacheKey, { sig: r.sig, scan });
      }
    }
    this.cacheKeys.add(cacheKey);
    this.inv.files.push(file);
    if (unreadable) {
      this.inv.unreadable.push(unreadable);
      return undefined;
    }
    if (!scan) return undefined;
    // Writes go through a link only while it still leads to what was judged (set again on
    // every pass: a cached scan may come from a time the path was or was not a link).
    const via = real !== undefined && real !== file ? real : undefined;
    for (const x of [...scan.entries, ...scan.settings]) {
      if (via === undefined) delete x.realFile;
      else x.realFile = via;
    }
    this.inv.entries.push(...scan.entries);
    this.inv.settings.push(...scan.settings);
    if (scan.plugins) (this.inv.plugins ??= []).push(...scan.plugins);
    if (scan.marketplaces) (this.inv.marketplaces ??= []).push(...scan.marketplaces);
    return scan;
  }

  private scanOne(file: string, role: Role, doc: Record<string, unknown>): FileScan {
    switch (role.kind) {
      case 'claude-json':
        return scanClaudeJson(file, role.configHome, doc);
      case 'mcp-json':
        return scanMcpJson(file, role.configHome, doc);
      case 'managed-settings':
        return { entries: [], settings: [], projectKeys: [], ...pluginSettings(file, 'managed-settings', role.configHome, undefined, doc) };
      case 'plugin-json':
        return { entries: [], settings: [], projectKeys: [], doc };
      case 'client':
        return { entries: scanClientDoc({ file, ...role }, doc), settings: [], projectKeys: [] };
      default:
        return scanSettings(file, role.kind, role.configHome, role.project, doc);
    }
  }

  finish(): Inventory {
    this.inv.folders = [...this.folders].sort();
    this.opts.cache?.retain(this.cacheKeys);
    return this.inv;
  }
}

/** A Discovery for `opts`: files outside the home and the roots are never read through links. */
export function newDiscovery(opts: DiscoverOptions): Discovery {
  const home = path.resolve(opts.home);
  const roots = (opts.roots ?? []).map((r) => expandHome(r, home));
  return new Discovery(opts, [realOr(home), ...roots.map(realOr)]);
}

export function discover(opts: DiscoverOptions): Inventory {
  const home = path.resolve(opts.home);
  const roots = (opts.roots ?? []).map((r) => expandHome(r, home));
  const d = newDiscovery(opts);
  const truncated: string[] = [];
  const maxProjects = opts.maxProjects ?? DISCOVERY_DEFAULTS.maxProjects;

  const found = findConfigHomes(home, opts.configDirs);
  if (found.truncated) truncated.push(found.truncated);
  d.folder(home);
  // Projects in first-seen order, each with the config home that knows it.
  const projects = new Map<string, string>();
  for (const h of found.homes) {
    d.inv.configHomes.push(h.dir);
    d.folder(h.dir);
    d.folder(h.settingsDir);
    const scan = d.file(h.claudeJson, { kind: 'claude-json', configHome: h.dir }, h.dir);
    d.file(path.join(h.settingsDir, 'settings.json'), { kind: 'user-settings', configHome: h.dir }, h.settingsDir);
    for (const p of scan?.projectKeys ?? []) if (!projects.has(p)) projects.set(p, h.dir);
  }
  if (roots.length > 0) {
    const r = scanRoots(roots, opts.maxDepth ?? DISCOVERY_DEFAULTS.maxDepth, maxProjects);
    if (r.truncated) truncated.push(r.truncated);
    for (const root of roots) d.folder(root);
    for (const p of r.projects) if (!projects.has(p)) projects.set(p, home);
  }
  // Other clients' user files before any project's: a home that is also a project (a
  // discovery root at `~`) keeps them in user scope.
  const clientEnv = { home, platform: opts.platform ?? process.platform, appData: opts.appData };
  const others = opts.otherClients === false ? [] : OTHER_CLIENTS;
  for (const a of others) {
    for (const f of a.userFiles(clientEnv)) {
      if (!watchIfExists(d, path.dirname(f))) continue;
      d.file(f, { kind: 'client', client: a.id, scope: 'user', configHome: home }, path.dirname(f));
    }
  }
  let count = 0;
  for (const [project, configHome] of projects) {
    if (count >= maxProjects) {
      truncated.push(`more than ${maxProjects} projects; the rest were not scanned`);
      break;
    }
    count++;
    scanProject(d, project, configHome, others);
  }
  if (opts.managedDir) scanManaged(d, opts.managedDir, home);
  for (const h of found.homes) {
    scanPlugins(d, h);
    scanAgents(d, path.join(h.settingsDir, 'agents'), { configHome: h.dir, governedAs: 'user' }, truncated);
  }
  for (const project of d.inv.projects) {
    scanAgents(
      d,
      path.join(project, '.claude', 'agents'),
      { configHome: projects.get(project) ?? home, project, governedAs: 'project' },
      truncated,
    );
  }
  const inv = d.finish();
  if (truncated.length > 0) inv.truncated = truncated;
  opts.cache?.remember(walkKey(opts), inv, d.walk);
  return inv;
}

/** managed-settings.json and its drop-ins: plugins an admin turned on (or off). */
function scanManaged(d: Discovery, dir: string, home: string): void {
  d.file(path.join(dir, 'managed-settings.json'), { kind: 'managed-settings', configHome: home }, dir);
  const dropins = path.join(dir, 'managed-settings.d');
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(dropins)
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort()
      .slice(0, 256);
  } catch {
    return;
  }
  for (const n of names) d.file(path.join(dropins, n), { kind: 'managed-settings', configHome: home }, dropins);
}

// Claude Code's settings precedence: a plugin's servers are judged in the scope of the most
// specific file that turns it on.
const ENABLE_ORDER: readonly PluginEnablement['scope'][] = ['local', 'project', 'user', 'managed'];

/** Every plugin a scope of this config home (or managed settings) turns on, with its servers. */
function scanPlugins(d: Discovery, h: ConfigHome): void {
  const pluginsDir = path.join(h.settingsDir, 'plugins');
  // Watched once it exists (`claude plugin install` also writes settings.json, watched already).
  if (fs.existsSync(pluginsDir)) d.folder(pluginsDir);
  const role = { kind: 'plugin-json' as const, configHome: h.dir };
  const installed = d.file(path.join(pluginsDir, 'installed_plugins.json'), role, pluginsDir)?.doc;
  const known = d.file(path.join(pluginsDir, 'known_marketplaces.json'), role, pluginsDir)?.doc;
  if (known) {
    for (const [name, m] of Object.entries(known)) {
      const src = m !== null && typeof m === 'object' ? (m as Record<string, unknown>).source : undefined;
      (d.inv.marketplaces ??= []).push({ name, source: src, file: path.join(pluginsDir, 'known_marketplaces.json'), configHome: h.dir });
    }
  }
  const on = new Map<string, PluginEnablement['scope']>();
  for (const p of d.inv.plugins ?? []) {
    if (p.value !== true || (p.scope !== 'managed' && p.configHome !== h.dir)) continue;
    const prev = on.get(p.id);
    if (prev === undefined || ENABLE_ORDER.indexOf(p.scope) < ENABLE_ORDER.indexOf(prev)) on.set(p.id, p.scope);
  }
  // A marketplace's catalog serves each of its plugins; discovery reads a file once per pass.
  const docs = new Map<string, Record<string, unknown> | undefined>();
  const readJson = (file: string, root: string): Record<string, unknown> | undefined => {
    if (!docs.has(file)) docs.set(file, d.file(file, role, root)?.doc);
    return docs.get(file);
  };
  for (const [id, scope] of on) {
    const r = scanPlugin(id, pluginRoots(id, installed, known, readJson), h.dir, readJson);
    const governedAs: Scope = scope === 'managed' ? 'user' : scope;
    for (const f of r.folders) d.folder(f);
    d.inv.entries.push(...r.entries.map((e) => ({ ...e, governedAs })));
  }
}

/** A client's folder is watched once it exists: most users have two or three clients. */
function watchIfExists(d: Discovery, dir: string): boolean {
  if (!fs.existsSync(dir)) return false;
  d.folder(dir);
  return true;
}

function scanAgents(
  d: Discovery,
  dir: string,
  src: { configHome: string; project?: string; governedAs: Scope },
  truncated: string[],
): void {
  // Watched only once it exists (a project's `.claude` folder is watched already): one
  // folder per project would double what the watcher holds for nothing.
  if (fs.existsSync(dir)) d.folder(dir);
  const r = scanAgentsDir(dir, src);
  d.inv.entries.push(...r.entries);
  d.inv.files.push(...r.files);
  d.inv.unreadable.push(...r.unreadable);
  if (r.truncated) truncated.push(r.truncated);
}

function scanProject(d: Discovery, project: string, configHome: string, others: readonly ClientAdapter[]): void {
  try {
    if (!fs.statSync(project).isDirectory()) return;
  } catch {
    // A project Claude Code remembers but that is gone: its local entries still count
    // (they are in .claude.json), it has no files of its own.
    return;
  }
  d.inv.projects.push(project);
  d.folder(project);
  d.folder(path.join(project, '.claude'));
  d.file(path.join(project, '.mcp.json'), { kind: 'mcp-json', configHome }, project);
  d.file(path.join(project, '.claude', 'settings.json'), { kind: 'project-settings', configHome, project }, project);
  d.file(path.join(project, '.claude', 'settings.local.json'), { kind: 'local-settings', configHome, project }, project);
  for (const a of others) {
    for (const f of a.projectFiles(project)) {
      // Most projects have no client folder: one stat, no exception, then nothing else.
      if (!watchIfExists(d, path.dirname(f))) continue;
      d.file(f, { kind: 'client', client: a.id, scope: 'project', configHome, project }, project);
    }
  }
  for (const parent of parentFolders(project)) {
    d.folder(parent);
    d.file(path.join(parent, '.mcp.json'), { kind: 'mcp-json', configHome }, parent);
  }
}

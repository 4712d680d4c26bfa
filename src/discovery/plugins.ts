// Plugin servers (reference §1.4; verified-notes "Plugins work offline"). A plugin is on
// when a settings scope has `enabledPlugins["name@marketplace"]: true`; what it runs is in
// its installed copy: `.mcp.json` at the plugin root and/or `mcpServers` of
// `.claude-plugin/plugin.json` (an inline map, or a path / list of paths to such files).
// Where the root is: installed_plugins.json's `installPath` (a copy under
// ~/.claude/plugins/cache), and for a marketplace whose catalog lists the plugin by a
// relative folder, that folder in the marketplace's own copy: Claude Code 2.1.330 runs a
// `directory` marketplace's plugins from there (checked with `claude mcp list`). Both are
// read, so whichever copy Claude Code starts is judged. Plugin files are read, never written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PluginRef, ServerEntry } from '../inventory/types';
import { entriesAt } from '../inventory/entries';
import { isInside } from './read';

export type ReadJson = (file: string, root: string) => Record<string, unknown> | undefined;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** `name@marketplace` → its parts; undefined for a key Claude Code would not load. */
export function splitPluginId(id: string): { name: string; marketplace: string } | undefined {
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { name: id.slice(0, at), marketplace: id.slice(at + 1) };
}

/** The folders a plugin may be loaded from, most likely first, without duplicates. */
export function pluginRoots(
  id: string,
  installed: Record<string, unknown> | undefined,
  knownMarketplaces: Record<string, unknown> | undefined,
  readJson: ReadJson,
): string[] {
  const parts = splitPluginId(id);
  if (!parts) return [];
  const roots: string[] = [];
  const add = (p: string): void => {
    const abs = path.resolve(p);
    if (!roots.includes(abs)) roots.push(abs);
  };
  const loc = obj(obj(knownMarketplaces?.[parts.marketplace]))?.installLocation;
  if (typeof loc === 'string' && path.isAbsolute(loc)) {
    const catalog = readJson(path.join(loc, '.claude-plugin', 'marketplace.json'), loc);
    const listed = Array.isArray(catalog?.plugins) ? catalog.plugins : [];
    for (const p of listed) {
      const o = obj(p);
      if (o?.name !== parts.name || typeof o.source !== 'string') continue;
      const dir = path.resolve(loc, o.source);
      // A catalog cannot point us outside its own folder.
      if (isInside(dir, loc)) add(dir);
    }
  }
  const installs = obj(installed?.plugins)?.[id];
  for (const i of Array.isArray(installs) ? installs : []) {
    const p = obj(i)?.installPath;
    if (typeof p === 'string' && path.isAbsolute(p)) add(p);
  }
  return roots;
}

const ROOT_VARS = /\$\{CLAUDE_PLUGIN_ROOT\}/g;

/** `${CLAUDE_PLUGIN_ROOT}` expanded in every string of `v` (other placeholders stay as written). */
export function expandRoot(v: unknown, root: string): unknown {
  if (typeof v === 'string') return v.replace(ROOT_VARS, root);
  if (Array.isArray(v)) return v.map((x) => expandRoot(x, root));
  const o = obj(v);
  if (!o) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = expandRoot(x, root);
  return out;
}

function looksLikeServerMap(doc: Record<string, unknown>): boolean {
  const vals = Object.values(doc);
  return vals.length > 0 && vals.every((v) => obj(v) !== undefined && ('command' in (v as object) || 'url' in (v as object)));
}

/** A server file of a plugin: `{mcpServers: {...}}`, or the map itself at the top. */
function serversOfFile(file: string, doc: Record<string, unknown>, ref: PluginRef, configHome: string): ServerEntry[] {
  const mapPath = obj(doc.mcpServers) ? ['mcpServers'] : looksLikeServerMap(doc) ? [] : undefined;
  if (!mapPath) return [];
  return entriesAt({ file, scope: 'plugin', configHome }, doc, mapPath).map((e) => withPlugin(e, ref));
}

function withPlugin(e: ServerEntry, ref: PluginRef): ServerEntry {
  const raw = expandRoot(e.raw, ref.root) as Record<string, unknown>;
  // Claude Code lists it as `plugin:<plugin>:<server>`: the name shown everywhere.
  const out: ServerEntry = { ...e, name: `plugin:${ref.name}:${e.name}`, raw, plugin: ref };
  if (typeof raw.command === 'string') out.command = raw.command;
  if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) out.args = raw.args;
  if (typeof raw.url === 'string') out.url = raw.url;
  if (typeof raw.headersHelper === 'string') out.headersHelper = raw.headersHelper;
  const env = obj(raw.env);
  if (env) out.env = Object.fromEntries(Object.entries(env).filter((x): x is [string, string] => typeof x[1] === 'string'));
  return out;
}

export interface PluginScan {
  entries: ServerEntry[];
  /** Files read (watched for changes). */
  files: string[];
  /** Folders where a plugin's files may appear. */
  folders: string[];
}

/** Every server the plugin `id` declares in each of its roots. */
export function scanPlugin(id: string, roots: readonly string[], configHome: string, readJson: ReadJson): PluginScan {
  const parts = splitPluginId(id);
  const out: PluginScan = { entries: [], files: [], folders: [] };
  if (!parts) return out;
  for (const root of roots) {
    const ref: PluginRef = { id, name: parts.name, marketplace: parts.marketplace, root };
    for (const f of [root, path.join(root, '.claude-plugin')]) if (fs.existsSync(f)) out.folders.push(f);
    const manifestFile = path.join(root, '.claude-plugin', 'plugin.json');
    const manifest = readJson(manifestFile, root);
    const files = new Set<string>([path.join(root, '.mcp.json')]);
    const declared = manifest?.mcpServers;
    if (manifest) out.files.push(manifestFile);
    if (obj(declared)) {
      out.entries.push(
        ...entriesAt({ file: manifestFile, scope: 'plugin', configHome }, manifest as Record<string, unknown>, ['mcpServers']).map((e) =>
          withPlugin(e, ref),
        ),
      );
    } else {
      for (const p of typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : []) {
        if (typeof p !== 'string') continue;
        const f = path.resolve(root, String(expandRoot(p, root)));
        if (isInside(f, root)) files.add(f);
      }
    }
    for (const f of files) {
      const doc = readJson(f, root);
      if (!doc) continue;
      out.files.push(f);
      out.entries.push(...serversOfFile(f, doc, ref, configHome));
    }
  }
  return out;
}

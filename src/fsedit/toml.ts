// @decimalturn/toml-patch, loaded on first use: it takes about 40 ms to load (ESM through
// require), and most passes, and every `mcp-warden exec` launch, never meet a TOML file.
// Chosen because it is maintained (releases through 2026), has no dependencies, parses
// TOML 1.0 and patches a document keeping its comments and layout (docs/clients.md).
type TomlPatch = typeof import('@decimalturn/toml-patch');

let mod: TomlPatch | undefined;

export function tomlPatch(): TomlPatch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mod ??= require('@decimalturn/toml-patch') as TomlPatch;
  return mod;
}

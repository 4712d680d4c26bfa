// The `yaml` package (some 70 modules) is needed only where a subagent file
// (`agents/*.md`) is read or edited; most homes have none, so the agent loads it on
// first use instead of at start-up.
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= require('yaml') as typeof Yaml;
  return lib;
}

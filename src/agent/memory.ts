// A full pass over a big home reads a ~/.claude.json of tens of MB; V8 keeps the heap it
// grew for that long after the strings are garbage. The agent then idles for minutes, so a
// full collection right after a full pass gives the memory back to the OS instead of
// holding it until the next pass. (setFlagsFromString + a fresh context is Node's documented
// way to get `gc` without a command-line flag, which launchd/systemd units would need.)
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | undefined | null;

export function releaseMemory(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

// The decisions of the tool-pinning proxy, message by message. Pure (no I/O, no clock):
// src/tools/proxy.ts feeds it parsed JSON-RPC messages and carries out what it returns.
//  - a client request for tools/list, prompts/list or resources/templates/list is remembered
//    by id, so that its response can be checked;
//  - in that response every item whose digest is not its pin (new or changed) is withheld
//    (`withhold`) or the whole response is replaced by an error and the server refused
//    (`block`); in audit mode nothing is withheld, the change is only reported;
//  - a tools/call (prompts/get) for a withheld or never-approved name is answered here with
//    a JSON-RPC error naming the policy, never forwarded.
// TOFU: the first complete listing of a kind on this device becomes its pins (`learned`).
import { digestMap, ITEM_KINDS, LIST_METHODS, type ItemKind } from './digest';

export type Pins = Record<ItemKind, Record<string, string>>;

export interface GuardOptions {
  ruleId: string;
  mode: 'pinned' | 'tofu';
  onChange: 'withhold' | 'block';
  /** Audit: report, change nothing. */
  enforce: boolean;
  /** The admin's pins (pinned) or this device's (tofu; a missing kind is not learned yet). */
  pins: Partial<Pins>;
}

export interface ToolChange {
  kind: ItemKind;
  name: string;
  /** The pinned digest; absent for a new item. */
  old?: string;
  new: string;
}

export type JsonRpcId = string | number;
export type Msg = Record<string, unknown>;

export interface ServerVerdict {
  /** The message to send on (the same object when nothing changed). */
  forward: Msg;
  changed: boolean;
  changes: ToolChange[];
  /** onToolChange: block, enforce: the server is refused; stop it after sending `forward`. */
  block: boolean;
  /** TOFU: kinds learned by this response (store them). */
  learned: ItemKind[];
}

/** JSON-RPC error code for a refused call: in the implementation-defined server range. */
export const POLICY_ERROR_CODE = -32001;

const CALL_METHODS: Record<string, { kind: ItemKind; noun: string }> = {
  'tools/call': { kind: 'tools', noun: 'tool' },
  'prompts/get': { kind: 'prompts', noun: 'prompt' },
};

function kindOfMethod(method: unknown): ItemKind | undefined {
  return ITEM_KINDS.find((k) => LIST_METHODS[k].method === method);
}

function idKey(id: unknown): string | undefined {
  return typeof id === 'string' ? `s:${id}` : typeof id === 'number' ? `n:${id}` : undefined;
}

export class ToolGuard {
  private readonly pending = new Map<string, ItemKind>();
  /** Name → digest last seen in a list, per kind. */
  private readonly seen: Record<ItemKind, Map<string, string>> = { tools: new Map(), prompts: new Map(), resourceTemplates: new Map() };
  /** TOFU kinds being learned (their first listing is still paging). */
  private readonly learning = new Map<ItemKind, Record<string, string>>();
  private blocked = false;

  constructor(private readonly opts: GuardOptions) {}

  get pins(): Partial<Pins> {
    return this.opts.pins;
  }

  /** Are list responses awaited? (Otherwise server lines need not be parsed.) */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  get isBlocked(): boolean {
    return this.blocked;
  }

  /** Is this message worth parsing? A cheap text test that never misses one we must see. */
  static clientLineMatters(line: string | Buffer): boolean {
    return line.includes('tools/') || line.includes('prompts/') || line.includes('resources/templates/');
  }

  private approved(kind: ItemKind, name: string): boolean {
    if (this.learning.has(kind)) return true;
    const pins = this.opts.pins[kind];
    if (!pins) return this.opts.mode === 'tofu';
    const pinned = Object.prototype.hasOwnProperty.call(pins, name) ? pins[name] : undefined;
    if (pinned === undefined) return false;
    const last = this.seen[kind].get(name);
    return last === undefined || last === pinned;
  }

  private policyError(id: unknown, message: string): Msg {
    return {
      jsonrpc: '2.0',
      id,
      error: { code: POLICY_ERROR_CODE, message, data: { policy: 'mcp-warden toolPins', server: this.opts.ruleId } },
    };
  }

  /** A message from the client. `reply`: answer it here and do not forward. */
  fromClient(msg: Msg): { reply?: Msg } {
    const key = idKey(msg.id);
    if (key === undefined || typeof msg.method !== 'string') return {};
    if (this.blocked && this.opts.enforce)
      return {
        reply: this.policyError(
          msg.id,
          `mcp-warden: server "${this.opts.ruleId}" is blocked: what it offers differs from what the allowlist approved (onToolChange: block)`,
        ),
      };
    const list = kindOfMethod(msg.method);
    if (list) {
      this.pending.set(key, list);
      return {};
    }
    const call = CALL_METHODS[msg.method];
    if (!call || !this.opts.enforce) return {};
    const params = msg.params as Msg | undefined;
    const name = params && typeof params.name === 'string' ? params.name : undefined;
    if (name === undefined || this.approved(call.kind, name)) return {};
    return {
      reply: this.policyError(
        msg.id,
        `mcp-warden: ${call.noun} "${name}" of server "${this.opts.ruleId}" is withheld: it is new or changed since the allowlist pinned it (toolPins); ask your IT admin to review and re-pin it`,
      ),
    };
  }

  /** A message from the server (a batch element or a single message). */
  fromServer(msg: Msg): ServerVerdict {
    const none: ServerVerdict = { forward: msg, changed: false, changes: [], block: false, learned: [] };
    const key = idKey(msg.id);
    if (key === undefined || !('result' in msg || 'error' in msg)) return none;
    const kind = this.pending.get(key);
    if (!kind) return none;
    this.pending.delete(key);
    const result = msg.result as Msg | undefined;
    const items = result && Array.isArray(result[LIST_METHODS[kind].key]) ? (result[LIST_METHODS[kind].key] as unknown[]) : undefined;
    if (!result || !items) return none;
    return this.checkList(kind, msg, result, items);
  }

  private checkList(kind: ItemKind, msg: Msg, result: Msg, items: unknown[]): ServerVerdict {
    const digests = digestMap(kind, items);
    const learned: ItemKind[] = [];
    if (this.opts.mode === 'tofu' && !this.opts.pins[kind] && !this.learning.has(kind)) this.learning.set(kind, {});
    const learning = this.learning.get(kind);
    if (learning) {
      Object.assign(learning, digests);
      if (typeof result.nextCursor !== 'string') {
        this.opts.pins[kind] = learning;
        this.learning.delete(kind);
        learned.push(kind);
      }
    }
    const pins = this.opts.pins[kind] ?? learning ?? {};
    const changes: ToolChange[] = [];
    for (const [name, d] of Object.entries(digests)) {
      this.seen[kind].set(name, d);
      const old = Object.prototype.hasOwnProperty.call(pins, name) ? pins[name] : undefined;
      if (old === d) continue;
      changes.push(old === undefined ? { kind, name, new: d } : { kind, name, old, new: d });
    }
    // An item without a name cannot be pinned: withheld like a new one.
    const unnamed = items.filter((it) => !it || typeof it !== 'object' || typeof (it as Msg).name !== 'string');
    if ((changes.length === 0 && unnamed.length === 0) || !this.opts.enforce) {
      return { forward: msg, changed: false, changes, block: false, learned };
    }
    if (this.opts.onChange === 'block') {
      this.blocked = true;
      const error = this.policyError(
        msg.id,
        `mcp-warden: server "${this.opts.ruleId}" is blocked: ${changes.map((c) => c.name).join(', ') || 'an unnamed item'} differs from what the allowlist approved (onToolChange: block)`,
      );
      return { forward: error, changed: true, changes, block: true, learned };
    }
    const withheld = new Set(changes.map((c) => c.name));
    const kept = items.filter(
      (it) => it && typeof it === 'object' && typeof (it as Msg).name === 'string' && !withheld.has((it as Msg).name as string),
    );
    return { forward: { ...msg, result: { ...result, [LIST_METHODS[kind].key]: kept } }, changed: true, changes, block: false, learned };
  }
}

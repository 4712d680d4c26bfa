// GENERATED from schemas/allowlist.schema.json by src/schema/standalone.ts. Do not edit:
// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.
/* eslint-disable */
// @ts-nocheck
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://mcp-warden.dev/schemas/allowlist.schema.json","title":"mcp-warden allowlist","description":"The MCP servers an organisation approves for Claude Code. Written by IT, linted with `mcp-warden allowlist lint`, signed with `mcp-warden allowlist sign`. Unknown keys are errors.","type":"object","additionalProperties":false,"required":["org","version","expires","mode","servers"],"properties":{"$schema":{"description":"Optional: the URL or path of this schema, so that editors validate and complete the file.","type":"string"},"org":{"description":"Organisation name. Must equal `org` in every agent config that accepts this allowlist, so an allowlist signed for one org cannot be replayed to another.","type":"string","minLength":1,"maxLength":128},"version":{"description":"Integer ≥ 1 that only ever grows. Agents refuse a lower version than the one they accepted last (rollback), and an equal version whose content differs.","type":"integer","minimum":1,"maximum":9007199254740991},"expires":{"description":"RFC 3339 date-time after which agents refuse to accept this allowlist (e.g. `2026-12-31T00:00:00Z`). A policy already in force that passes this time stays in force and is reported as stale.","type":"string","format":"date-time","errorMessage":"must be an RFC 3339 date-time with a time zone, e.g. 2026-12-31T00:00:00Z"},"mode":{"description":"`audit`: report what enforce would do, change nothing. `enforce`: remove unapproved servers (to quarantine, restorable) and move credentials into the keychain.","type":"string","enum":["audit","enforce"]},"requestApproval":{"description":"Shown to developers when something of theirs is removed: how to ask for a server to be approved (a URL, a ticket queue, an e-mail address).","type":"string","minLength":1,"maxLength":2000},"servers":{"description":"The approved MCP servers. Anything not matched by an entry here is unapproved.","type":"array","maxItems":5000,"items":{"$ref":"#/definitions/server"}},"deny":{"description":"Servers that are never allowed, even if a `servers` entry would match. Deny always beats allow.","type":"array","maxItems":5000,"items":{"$ref":"#/definitions/denyRule"}},"marketplaces":{"description":"Which plugin marketplaces may be added (plugins, and so their MCP servers, come from them). `system apply` renders `allowed` as Claude Code's `strictKnownMarketplaces` and `blocked` as `blockedMarketplaces`; the agent reports marketplaces already added that these do not allow and, in enforce mode, disables the plugins that come from them. Source objects have Claude Code's shapes.","type":"object","additionalProperties":false,"properties":{"allowed":{"description":"The only marketplace sources that may be added. An empty list allows none; leaving the key out allows any source not `blocked`.","type":"array","maxItems":1024,"items":{"$ref":"#/definitions/marketplaceSource"}},"blocked":{"description":"Marketplace sources that may never be added, even when `allowed` matches them.","type":"array","maxItems":1024,"items":{"$ref":"#/definitions/marketplaceSource"}}}},"settings":{"description":"Claude Code settings the agent keeps and `system apply` renders into Claude Code's managed settings.","type":"object","additionalProperties":false,"properties":{"allowManagedMcpServersOnly":{"description":"Render `allowManagedMcpServersOnly: true` into managed settings: Claude Code itself then refuses any server not in the rendered allowlist, even if the agent is not running.","type":"boolean"},"enableAllProjectMcpServers":{"description":"What `enableAllProjectMcpServers` must be. `false` (recommended) makes the agent remove `true` from settings files in enforce mode and render `false` into managed settings, so a cloned repo's .mcp.json cannot start servers without approval.","type":"boolean"}}},"sandbox":{"description":"The sandbox of every stdio rule that has none of its own; a rule's own section replaces its mode and adds to its lists.","$ref":"#/definitions/sandbox"}},"definitions":{"marketplaceSource":{"description":"A plugin marketplace source, in the shape Claude Code uses in `strictKnownMarketplaces` and `blockedMarketplaces`. Fields given must match exactly (a `repo` may be `owner/*` for every repository of an owner); `hostPattern` and `pathPattern` are regular expressions.","oneOf":[{"description":"A GitHub repository (`owner/repo`).","type":"object","additionalProperties":false,"required":["source","repo"],"properties":{"source":{"const":"github"},"repo":{"type":"string","pattern":"^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$","maxLength":256},"ref":{"$ref":"#/definitions/marketplaceRef"},"path":{"$ref":"#/definitions/marketplaceSubdir"}}},{"description":"Any git URL (https or SSH).","type":"object","additionalProperties":false,"required":["source","url"],"properties":{"source":{"const":"git"},"url":{"type":"string","minLength":1,"maxLength":2048},"ref":{"$ref":"#/definitions/marketplaceRef"},"path":{"$ref":"#/definitions/marketplaceSubdir"}}},{"description":"A marketplace.json served over HTTP(S).","type":"object","additionalProperties":false,"required":["source","url"],"properties":{"source":{"const":"url"},"url":{"type":"string","minLength":1,"maxLength":2048}}},{"description":"An npm package holding the marketplace.","type":"object","additionalProperties":false,"required":["source","package"],"properties":{"source":{"const":"npm"},"package":{"type":"string","minLength":1,"maxLength":214}}},{"description":"A marketplace.json file on disk (absolute path).","type":"object","additionalProperties":false,"required":["source","path"],"properties":{"source":{"const":"file"},"path":{"type":"string","minLength":1,"maxLength":4096}}},{"description":"A folder holding .claude-plugin/marketplace.json (absolute path).","type":"object","additionalProperties":false,"required":["source","path"],"properties":{"source":{"const":"directory"},"path":{"type":"string","minLength":1,"maxLength":4096}}},{"description":"Every github, git and url source whose host matches this regular expression (a github source's host is github.com).","type":"object","additionalProperties":false,"required":["source","hostPattern"],"properties":{"source":{"const":"hostPattern"},"hostPattern":{"type":"string","minLength":1,"maxLength":1024}}},{"description":"Every file and directory source whose path matches this regular expression.","type":"object","additionalProperties":false,"required":["source","pathPattern"],"properties":{"source":{"const":"pathPattern"},"pathPattern":{"type":"string","minLength":1,"maxLength":1024}}}]},"marketplaceRef":{"description":"Git branch or tag; when given it must match exactly.","type":"string","minLength":1,"maxLength":256},"marketplaceSubdir":{"description":"Sub-folder of the repository holding the marketplace; when given it must match exactly.","type":"string","minLength":1,"maxLength":1024},"sha256Hex":{"type":"string","pattern":"^[a-f0-9]{64}$","errorMessage":"must be 64 lowercase hex characters (the output of sha256sum or `mcp-warden allowlist hash FILE`)"},"envName":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":256,"errorMessage":"must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"},"urlPattern":{"description":"Exact URL, or a glob where `*` matches any run of characters (Claude Code's `serverUrl` syntax), e.g. `https://*.internal.example.com/*`.","type":"string","pattern":"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$","maxLength":2048,"errorMessage":"must be a URL (scheme://…, no spaces); `*` may stand for any run of characters"},"server":{"description":"An approved MCP server. stdio servers are identified by their exact argv plus a pin; remote servers (http, sse, ws) by their URL.","type":"object","additionalProperties":false,"required":["id","transport"],"properties":{"id":{"description":"Unique id of this rule ([A-Za-z0-9_-]+). Names the rule in reports, in `mcp-warden exec --server ID`, and in entries the agent rewrites. Not the entry name users choose.","type":"string","pattern":"^[A-Za-z0-9_-]+$","maxLength":64,"errorMessage":"must be 1-64 characters of A-Z, a-z, 0-9, _ and -"},"description":{"description":"Free text for humans: what the server is and who owns it.","type":"string","maxLength":2000},"transport":{"description":"`stdio` (a local process), or a remote server over `http` (streamable HTTP), `sse` or `ws`.","type":"string","enum":["stdio","http","sse","ws"]},"command":{"description":"stdio: the command exactly as it must appear in the entry's `command` (e.g. `npx`, `docker`, `/opt/tools/bin/server`).","type":"string","minLength":1,"maxLength":4096},"args":{"description":"stdio: the exact argv after the command. An element `{{secret:NAME}}` (alone or inside a larger string) matches any value; that value is a secret the agent moves into the keychain as NAME, and `mcp-warden exec` fills it in at launch.","type":"array","maxItems":256,"items":{"type":"string","maxLength":8192}},"trailingArgs":{"description":"stdio: allow the user to append arguments after `args` (e.g. folders for a filesystem server). Default false: the argv must match exactly.","type":"boolean"},"sha256":{"description":"stdio pin: SHA-256 (hex) of the executable or script that runs (see `file`). `mcp-warden exec` re-checks it just before launch.","$ref":"#/definitions/sha256Hex"},"file":{"description":"stdio: the file `sha256` pins. Default: the resolved `command`, or for an interpreter (node, python, bash, …) its first argument that names a file. Relative paths resolve against the project folder.","type":"string","minLength":1,"maxLength":4096},"package":{"description":"stdio pin: an npm package at an exact version with the registry's integrity. The argv must name `name@version`.","type":"object","additionalProperties":false,"required":["registry","name","version","integrity"],"properties":{"registry":{"description":"Package registry. Only `npm` is supported.","type":"string","enum":["npm"]},"name":{"description":"npm package name, scoped or not (e.g. `@modelcontextprotocol/server-filesystem`).","type":"string","maxLength":214,"pattern":"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$","errorMessage":"must be an npm package name (lowercase, optionally @scope/name)"},"version":{"description":"Exact semver version (e.g. `2025.8.21`). Ranges (`^1.2`, `~1`, `1.x`, `>=1`) and tags (`latest`) are not pins and are rejected.","type":"string","maxLength":256,"pattern":"^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$","errorMessage":"must be an exact version such as 1.2.3; ranges (^1.2, ~1, 1.x, >=1, *) and tags (latest, next) are not pins"},"integrity":{"description":"Subresource-integrity string exactly as the registry publishes it (`npm view NAME@VERSION dist.integrity`), e.g. `sha512-…`.","type":"string","pattern":"^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$","errorMessage":"must be an SRI string: sha512-<88 base64 chars>, sha384-<64> or sha256-<44> (npm view NAME@VERSION dist.integrity)"}}},"image":{"description":"stdio pin for `docker run` / `podman run`: the image by digest. The argv must reference the image by this digest.","type":"object","additionalProperties":false,"required":["digest"],"properties":{"name":{"description":"Optional repository, e.g. `ghcr.io/github/github-mcp-server` (no tag, no digest).","type":"string","maxLength":512,"pattern":"^[a-z0-9][a-z0-9._/:-]*$","errorMessage":"must be an image repository without tag or digest, e.g. ghcr.io/github/github-mcp-server"},"digest":{"description":"`sha256:<64 lowercase hex>`, as `docker buildx imagetools inspect` or `crane digest` print it.","type":"string","pattern":"^sha256:[a-f0-9]{64}$","errorMessage":"must be sha256:<64 lowercase hex> (a tag such as :latest is not a pin)"}}},"url":{"description":"Remote servers: the URL, exact or a glob where `*` matches any run of characters (Claude Code's `serverUrl` syntax).","$ref":"#/definitions/urlPattern"},"env":{"description":"stdio: rules for the entry's environment variables.","type":"object","additionalProperties":false,"properties":{"secrets":{"description":"Variables whose values are secrets: the agent moves them into the OS keychain and `mcp-warden exec` injects them at launch.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/envName"}},"allowed":{"description":"If set, the only other variables the entry may set (blocks NODE_OPTIONS, LD_PRELOAD and the like). Variables in `secrets` are always allowed.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/envName"}}}},"headers":{"description":"Remote servers: rules for the entry's HTTP headers.","type":"object","additionalProperties":false,"properties":{"secrets":{"description":"Header names whose values are secrets: the agent moves them into the OS keychain and serves them through Claude Code's `headersHelper` (`mcp-warden headers`).","type":"array","uniqueItems":true,"maxItems":64,"items":{"type":"string","pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$","maxLength":256,"errorMessage":"must be an HTTP header name"}}}},"scopes":{"description":"Claude Code scopes where this server may be configured: `user` (~/.claude.json), `local` (~/.claude.json, per project), `project` (.mcp.json). Default: all three.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["user","local","project"]}},"toolPinning":{"description":"stdio: what the server may tell the model (docs/tool-pinning.md). `pinned`: only the tools, prompts and resource templates in `toolPins`, unchanged; `tofu`: trust on first use, the digests seen at the first launch on each device are pinned there; `off`: not checked. Default: `pinned` when `toolPins` is set, else `off`. Anything but `off` makes the agent route the entry through `mcp-warden exec`, which checks every list.","type":"string","enum":["pinned","tofu","off"]},"onToolChange":{"description":"stdio: what `mcp-warden exec` does when a listed tool, prompt or resource template is new or differs from its pin. `withhold` (default): leave it out of the list and refuse calls to it; `block`: refuse the whole server (the list fails and the server is stopped).","type":"string","enum":["withhold","block"]},"toolPins":{"description":"stdio: SHA-256 digests of what the server offers, as `mcp-warden allowlist pin-tools` writes them (docs/tool-pinning.md).","type":"object","additionalProperties":false,"required":["server","tools"],"properties":{"server":{"description":"Digest of the whole set (tools, prompts, resource templates).","$ref":"#/definitions/sha256Hex"},"tools":{"description":"Tool name → digest.","$ref":"#/definitions/digestMap"},"prompts":{"description":"Prompt name → digest.","$ref":"#/definitions/digestMap"},"resourceTemplates":{"description":"Resource template name → digest.","$ref":"#/definitions/digestMap"},"pinnedAt":{"description":"When the digests were taken (RFC 3339; informational).","type":"string","maxLength":64}}},"clients":{"description":"MCP clients where this server may be configured: `claude-code`, `cursor`, `vscode`, `claude-desktop`, `windsurf`, `gemini-cli`, `codex` (docs/clients.md). Default: every client. A server in a client the rule does not list is `unapproved`.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["claude-code","cursor","vscode","claude-desktop","windsurf","gemini-cli","codex"]}},"tools":{"description":"Tool rules that become Claude Code permission rules (`mcp__<server>__<tool>`).","type":"object","additionalProperties":false,"properties":{"ask":{"description":"Tools (exact names or `prefix*` globs) that always ask the user before running.","type":"array","uniqueItems":true,"maxItems":1000,"items":{"$ref":"#/definitions/toolName"}},"deny":{"description":"Tools (exact names or `prefix*` globs) that may never run.","type":"array","uniqueItems":true,"maxItems":1000,"items":{"$ref":"#/definitions/toolName"}}}},"sandbox":{"description":"stdio: how `mcp-warden exec` confines this server (see docs/sandbox.md). Reconcile rewrites the entry of a sandboxed rule to run through `mcp-warden exec`.","$ref":"#/definitions/sandbox"}},"allOf":[{"if":{"properties":{"transport":{"const":"stdio"}},"required":["transport"]},"then":{"required":["command","args"],"allOf":[{"anyOf":[{"required":["sha256"]},{"required":["package"]},{"required":["image"]}],"errorMessage":"a stdio server needs at least one pin: sha256, package or image"}],"properties":{"url":{"not":{},"errorMessage":"is for remote servers (http, sse, ws), not stdio"},"headers":{"not":{},"errorMessage":"is for remote servers (http, sse, ws); a stdio server uses env"}}}},{"if":{"properties":{"transport":{"enum":["http","sse","ws"]}},"required":["transport"]},"then":{"required":["url"],"properties":{"command":{"not":{},"errorMessage":"is for stdio servers; a remote server is identified by url"},"args":{"not":{},"errorMessage":"is for stdio servers; a remote server is identified by url"},"trailingArgs":{"not":{},"errorMessage":"is for stdio servers"},"sha256":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"file":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"package":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"image":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"env":{"not":{},"errorMessage":"is for stdio servers; a remote server uses headers"},"toolPins":{"not":{},"errorMessage":"is for stdio servers (mcp-warden exec checks their lists); remote servers are not proxied"},"toolPinning":{"not":{},"errorMessage":"is for stdio servers (mcp-warden exec checks their lists); remote servers are not proxied"},"onToolChange":{"not":{},"errorMessage":"is for stdio servers"}}}}],"dependencies":{"file":{"required":["sha256"],"errorMessage":"`file` names what `sha256` pins: set sha256 too"}}},"digestMap":{"type":"object","maxProperties":2000,"propertyNames":{"maxLength":256},"additionalProperties":{"$ref":"#/definitions/sha256Hex"}},"toolName":{"type":"string","pattern":"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$","errorMessage":"must be a tool name (A-Z a-z 0-9 _ . / -), optionally ending in * as a prefix glob, or * for every tool"},"sandboxPath":{"description":"A path for the sandbox: absolute (`/opt/tools`), in the user's home (`~` or `~/…`), or relative to the workspace (the project folder the server is started in). No `..` segments. A folder covers everything below it.","type":"string","minLength":1,"maxLength":4096,"pattern":"^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$"},"sandboxPaths":{"type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/sandboxPath"}},"sandbox":{"description":"Run the server with least privilege: `mcp-warden exec` starts it in bubblewrap (Linux) or sandbox-exec (macOS). On a server rule, or at the top level as the default of every stdio rule: a rule's `mode` replaces the default's, its lists add to the default's. See docs/sandbox.md.","type":"object","additionalProperties":false,"properties":{"mode":{"description":"`required`: exec refuses to start the server when the sandbox cannot start (exit 126). `preferred`: exec starts it unsandboxed and reports `server.sandbox_unavailable`. `off`: no sandbox (the default when no sandbox section applies).","enum":["required","preferred","off"]},"filesystem":{"description":"Paths beyond the built-in defaults. Read: the workspace, the server's own package, system folders. Write: the workspace and a private temp folder. Hidden: the rest of the home (other projects included) and, even inside an allowed path, the known secret locations (~/.ssh, ~/.aws, ~/.config/gcloud, ~/.kube, ~/.docker/config.json, ~/.netrc, ~/.npmrc, browser profiles, keychains).","type":"object","additionalProperties":false,"properties":{"allowRead":{"description":"Extra paths the server may read. Naming a built-in secret location here (e.g. `~/.kube`) opens it for this server.","$ref":"#/definitions/sandboxPaths"},"allowWrite":{"description":"Extra paths the server may write (and read).","$ref":"#/definitions/sandboxPaths"},"denyRead":{"description":"Paths hidden from the server even inside an allowed path (deny wins over allow).","$ref":"#/definitions/sandboxPaths"},"denyWrite":{"description":"Paths kept read-only even inside a writable path.","$ref":"#/definitions/sandboxPaths"}}},"network":{"description":"Network access. Default: none (its own empty network namespace on Linux, `deny network*` on macOS).","type":"object","additionalProperties":false,"properties":{"allowedDomains":{"description":"Hosts the server may reach through the egress proxy `mcp-warden exec` runs for it (docs/sandbox.md): `api.example.com` (that host), `*.example.com` (hosts below it, only at public addresses), an optional `:port` (`api.example.com:443`), IP literals only when named exactly (`10.0.0.5`). `127.0.0.1:PORT` is also forwarded raw (a database on the developer's machine). Everything else is refused (HTTP 403).","type":"array","uniqueItems":true,"maxItems":256,"items":{"type":"string","maxLength":259,"pattern":"^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$","errorMessage":"must be a host name (`api.example.com`), a wildcard (`*.example.com`) or an IPv4 address, optionally with :PORT (1-65535)"}}}}}},"denyRule":{"description":"A server that is never allowed. Every field given must match.","type":"object","additionalProperties":false,"properties":{"command":{"description":"Exact command of a stdio entry.","type":"string","minLength":1,"maxLength":4096},"args":{"description":"Exact args (together with `command`).","type":"array","maxItems":256,"items":{"type":"string","maxLength":8192}},"package":{"description":"npm package name, any version, wherever it appears in the argv (`name` or `name@…`).","type":"string","maxLength":214,"pattern":"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$","errorMessage":"must be an npm package name without a version"},"url":{"description":"URL glob as for a server's `url`.","$ref":"#/definitions/urlPattern"},"name":{"description":"Entry name. Users choose names, so a name rule alone is a convenience, not a control.","type":"string","minLength":1,"maxLength":256},"reason":{"description":"Why it is denied; shown to the developer and in reports.","type":"string","maxLength":2000}},"allOf":[{"anyOf":[{"required":["command"]},{"required":["package"]},{"required":["url"]},{"required":["name"]}],"errorMessage":"a deny rule needs at least one of command, package, url or name"}],"dependencies":{"args":{"required":["command"],"errorMessage":"`args` only narrows a `command` rule: set command too"}}}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const formats0 = require("ajv-formats/dist/formats").fullFormats["date-time"];
const schema12 = {"description":"An approved MCP server. stdio servers are identified by their exact argv plus a pin; remote servers (http, sse, ws) by their URL.","type":"object","additionalProperties":false,"required":["id","transport"],"properties":{"id":{"description":"Unique id of this rule ([A-Za-z0-9_-]+). Names the rule in reports, in `mcp-warden exec --server ID`, and in entries the agent rewrites. Not the entry name users choose.","type":"string","pattern":"^[A-Za-z0-9_-]+$","maxLength":64,"errorMessage":"must be 1-64 characters of A-Z, a-z, 0-9, _ and -"},"description":{"description":"Free text for humans: what the server is and who owns it.","type":"string","maxLength":2000},"transport":{"description":"`stdio` (a local process), or a remote server over `http` (streamable HTTP), `sse` or `ws`.","type":"string","enum":["stdio","http","sse","ws"]},"command":{"description":"stdio: the command exactly as it must appear in the entry's `command` (e.g. `npx`, `docker`, `/opt/tools/bin/server`).","type":"string","minLength":1,"maxLength":4096},"args":{"description":"stdio: the exact argv after the command. An element `{{secret:NAME}}` (alone or inside a larger string) matches any value; that value is a secret the agent moves into the keychain as NAME, and `mcp-warden exec` fills it in at launch.","type":"array","maxItems":256,"items":{"type":"string","maxLength":8192}},"trailingArgs":{"description":"stdio: allow the user to append arguments after `args` (e.g. folders for a filesystem server). Default false: the argv must match exactly.","type":"boolean"},"sha256":{"description":"stdio pin: SHA-256 (hex) of the executable or script that runs (see `file`). `mcp-warden exec` re-checks it just before launch.","$ref":"#/definitions/sha256Hex"},"file":{"description":"stdio: the file `sha256` pins. Default: the resolved `command`, or for an interpreter (node, python, bash, …) its first argument that names a file. Relative paths resolve against the project folder.","type":"string","minLength":1,"maxLength":4096},"package":{"description":"stdio pin: an npm package at an exact version with the registry's integrity. The argv must name `name@version`.","type":"object","additionalProperties":false,"required":["registry","name","version","integrity"],"properties":{"registry":{"description":"Package registry. Only `npm` is supported.","type":"string","enum":["npm"]},"name":{"description":"npm package name, scoped or not (e.g. `@modelcontextprotocol/server-filesystem`).","type":"string","maxLength":214,"pattern":"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$","errorMessage":"must be an npm package name (lowercase, optionally @scope/name)"},"version":{"description":"Exact semver version (e.g. `2025.8.21`). Ranges (`^1.2`, `~1`, `1.x`, `>=1`) and tags (`latest`) are not pins and are rejected.","type":"string","maxLength":256,"pattern":"^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$","errorMessage":"must be an exact version such as 1.2.3; ranges (^1.2, ~1, 1.x, >=1, *) and tags (latest, next) are not pins"},"integrity":{"description":"Subresource-integrity string exactly as the registry publishes it (`npm view NAME@VERSION dist.integrity`), e.g. `sha512-…`.","type":"string","pattern":"^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$","errorMessage":"must be an SRI string: sha512-<88 base64 chars>, sha384-<64> or sha256-<44> (npm view NAME@VERSION dist.integrity)"}}},"image":{"description":"stdio pin for `docker run` / `podman run`: the image by digest. The argv must reference the image by this digest.","type":"object","additionalProperties":false,"required":["digest"],"properties":{"name":{"description":"Optional repository, e.g. `ghcr.io/github/github-mcp-server` (no tag, no digest).","type":"string","maxLength":512,"pattern":"^[a-z0-9][a-z0-9._/:-]*$","errorMessage":"must be an image repository without tag or digest, e.g. ghcr.io/github/github-mcp-server"},"digest":{"description":"`sha256:<64 lowercase hex>`, as `docker buildx imagetools inspect` or `crane digest` print it.","type":"string","pattern":"^sha256:[a-f0-9]{64}$","errorMessage":"must be sha256:<64 lowercase hex> (a tag such as :latest is not a pin)"}}},"url":{"description":"Remote servers: the URL, exact or a glob where `*` matches any run of characters (Claude Code's `serverUrl` syntax).","$ref":"#/definitions/urlPattern"},"env":{"description":"stdio: rules for the entry's environment variables.","type":"object","additionalProperties":false,"properties":{"secrets":{"description":"Variables whose values are secrets: the agent moves them into the OS keychain and `mcp-warden exec` injects them at launch.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/envName"}},"allowed":{"description":"If set, the only other variables the entry may set (blocks NODE_OPTIONS, LD_PRELOAD and the like). Variables in `secrets` are always allowed.","type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/envName"}}}},"headers":{"description":"Remote servers: rules for the entry's HTTP headers.","type":"object","additionalProperties":false,"properties":{"secrets":{"description":"Header names whose values are secrets: the agent moves them into the OS keychain and serves them through Claude Code's `headersHelper` (`mcp-warden headers`).","type":"array","uniqueItems":true,"maxItems":64,"items":{"type":"string","pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$","maxLength":256,"errorMessage":"must be an HTTP header name"}}}},"scopes":{"description":"Claude Code scopes where this server may be configured: `user` (~/.claude.json), `local` (~/.claude.json, per project), `project` (.mcp.json). Default: all three.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["user","local","project"]}},"toolPinning":{"description":"stdio: what the server may tell the model (docs/tool-pinning.md). `pinned`: only the tools, prompts and resource templates in `toolPins`, unchanged; `tofu`: trust on first use, the digests seen at the first launch on each device are pinned there; `off`: not checked. Default: `pinned` when `toolPins` is set, else `off`. Anything but `off` makes the agent route the entry through `mcp-warden exec`, which checks every list.","type":"string","enum":["pinned","tofu","off"]},"onToolChange":{"description":"stdio: what `mcp-warden exec` does when a listed tool, prompt or resource template is new or differs from its pin. `withhold` (default): leave it out of the list and refuse calls to it; `block`: refuse the whole server (the list fails and the server is stopped).","type":"string","enum":["withhold","block"]},"toolPins":{"description":"stdio: SHA-256 digests of what the server offers, as `mcp-warden allowlist pin-tools` writes them (docs/tool-pinning.md).","type":"object","additionalProperties":false,"required":["server","tools"],"properties":{"server":{"description":"Digest of the whole set (tools, prompts, resource templates).","$ref":"#/definitions/sha256Hex"},"tools":{"description":"Tool name → digest.","$ref":"#/definitions/digestMap"},"prompts":{"description":"Prompt name → digest.","$ref":"#/definitions/digestMap"},"resourceTemplates":{"description":"Resource template name → digest.","$ref":"#/definitions/digestMap"},"pinnedAt":{"description":"When the digests were taken (RFC 3339; informational).","type":"string","maxLength":64}}},"clients":{"description":"MCP clients where this server may be configured: `claude-code`, `cursor`, `vscode`, `claude-desktop`, `windsurf`, `gemini-cli`, `codex` (docs/clients.md). Default: every client. A server in a client the rule does not list is `unapproved`.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["claude-code","cursor","vscode","claude-desktop","windsurf","gemini-cli","codex"]}},"tools":{"description":"Tool rules that become Claude Code permission rules (`mcp__<server>__<tool>`).","type":"object","additionalProperties":false,"properties":{"ask":{"description":"Tools (exact names or `prefix*` globs) that always ask the user before running.","type":"array","uniqueItems":true,"maxItems":1000,"items":{"$ref":"#/definitions/toolName"}},"deny":{"description":"Tools (exact names or `prefix*` globs) that may never run.","type":"array","uniqueItems":true,"maxItems":1000,"items":{"$ref":"#/definitions/toolName"}}}},"sandbox":{"description":"stdio: how `mcp-warden exec` confines this server (see docs/sandbox.md). Reconcile rewrites the entry of a sandboxed rule to run through `mcp-warden exec`.","$ref":"#/definitions/sandbox"}},"allOf":[{"if":{"properties":{"transport":{"const":"stdio"}},"required":["transport"]},"then":{"required":["command","args"],"allOf":[{"anyOf":[{"required":["sha256"]},{"required":["package"]},{"required":["image"]}],"errorMessage":"a stdio server needs at least one pin: sha256, package or image"}],"properties":{"url":{"not":{},"errorMessage":"is for remote servers (http, sse, ws), not stdio"},"headers":{"not":{},"errorMessage":"is for remote servers (http, sse, ws); a stdio server uses env"}}}},{"if":{"properties":{"transport":{"enum":["http","sse","ws"]}},"required":["transport"]},"then":{"required":["url"],"properties":{"command":{"not":{},"errorMessage":"is for stdio servers; a remote server is identified by url"},"args":{"not":{},"errorMessage":"is for stdio servers; a remote server is identified by url"},"trailingArgs":{"not":{},"errorMessage":"is for stdio servers"},"sha256":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"file":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"package":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"image":{"not":{},"errorMessage":"is a stdio pin; a remote server is identified by url"},"env":{"not":{},"errorMessage":"is for stdio servers; a remote server uses headers"},"toolPins":{"not":{},"errorMessage":"is for stdio servers (mcp-warden exec checks their lists); remote servers are not proxied"},"toolPinning":{"not":{},"errorMessage":"is for stdio servers (mcp-warden exec checks their lists); remote servers are not proxied"},"onToolChange":{"not":{},"errorMessage":"is for stdio servers"}}}}],"dependencies":{"file":{"required":["sha256"],"errorMessage":"`file` names what `sha256` pins: set sha256 too"}}};
const schema13 = {"type":"string","pattern":"^[a-f0-9]{64}$","errorMessage":"must be 64 lowercase hex characters (the output of sha256sum or `mcp-warden allowlist hash FILE`)"};
const schema14 = {"description":"Exact URL, or a glob where `*` matches any run of characters (Claude Code's `serverUrl` syntax), e.g. `https://*.internal.example.com/*`.","type":"string","pattern":"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$","maxLength":2048,"errorMessage":"must be a URL (scheme://…, no spaces); `*` may stand for any run of characters"};
const schema15 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":256,"errorMessage":"must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"};
const schema20 = {"type":"string","pattern":"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$","errorMessage":"must be a tool name (A-Z a-z 0-9 _ . / -), optionally ending in * as a prefix glob, or * for every tool"};
const func0 = require("ajv/dist/runtime/equal").default;
const pattern0 = new RegExp("^[A-Za-z0-9_-]+$", "u");
const pattern1 = new RegExp("^[a-f0-9]{64}$", "u");
const pattern2 = new RegExp("^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$", "u");
const pattern3 = new RegExp("^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$", "u");
const pattern4 = new RegExp("^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$", "u");
const pattern5 = new RegExp("^[a-z0-9][a-z0-9._/:-]*$", "u");
const pattern6 = new RegExp("^sha256:[a-f0-9]{64}$", "u");
const pattern7 = new RegExp("^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$", "u");
const pattern8 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern10 = new RegExp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "u");
const pattern13 = new RegExp("^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$", "u");
const schema18 = {"type":"object","maxProperties":2000,"propertyNames":{"maxLength":256},"additionalProperties":{"$ref":"#/definitions/sha256Hex"}};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 2000){
const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 2000},message:"must NOT have more than 2000 properties",schema:2000,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
const _errs1 = errors;
if(typeof key0 === "string"){
if(func3(key0) > 256){
const err1 = {instancePath,schemaPath:"#/propertyNames/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema18.propertyNames,data:key0,propertyName:key0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var valid0 = _errs1 === errors;
if(!valid0){
const err2 = {instancePath,schemaPath:"#/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema18.propertyNames,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
for(const key1 in data){
let data0 = data[key1];
if(typeof data0 === "string"){
if(!pattern1.test(data0)){
const err3 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/sha256Hex/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/sha256Hex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema22 = {"description":"Run the server with least privilege: `mcp-warden exec` starts it in bubblewrap (Linux) or sandbox-exec (macOS). On a server rule, or at the top level as the default of every stdio rule: a rule's `mode` replaces the default's, its lists add to the default's. See docs/sandbox.md.","type":"object","additionalProperties":false,"properties":{"mode":{"description":"`required`: exec refuses to start the server when the sandbox cannot start (exit 126). `preferred`: exec starts it unsandboxed and reports `server.sandbox_unavailable`. `off`: no sandbox (the default when no sandbox section applies).","enum":["required","preferred","off"]},"filesystem":{"description":"Paths beyond the built-in defaults. Read: the workspace, the server's own package, system folders. Write: the workspace and a private temp folder. Hidden: the rest of the home (other projects included) and, even inside an allowed path, the known secret locations (~/.ssh, ~/.aws, ~/.config/gcloud, ~/.kube, ~/.docker/config.json, ~/.netrc, ~/.npmrc, browser profiles, keychains).","type":"object","additionalProperties":false,"properties":{"allowRead":{"description":"Extra paths the server may read. Naming a built-in secret location here (e.g. `~/.kube`) opens it for this server.","$ref":"#/definitions/sandboxPaths"},"allowWrite":{"description":"Extra paths the server may write (and read).","$ref":"#/definitions/sandboxPaths"},"denyRead":{"description":"Paths hidden from the server even inside an allowed path (deny wins over allow).","$ref":"#/definitions/sandboxPaths"},"denyWrite":{"description":"Paths kept read-only even inside a writable path.","$ref":"#/definitions/sandboxPaths"}}},"network":{"description":"Network access. Default: none (its own empty network namespace on Linux, `deny network*` on macOS).","type":"object","additionalProperties":false,"properties":{"allowedDomains":{"description":"Hosts the server may reach through the egress proxy `mcp-warden exec` runs for it (docs/sandbox.md): `api.example.com` (that host), `*.example.com` (hosts below it, only at public addresses), an optional `:port` (`api.example.com:443`), IP literals only when named exactly (`10.0.0.5`). `127.0.0.1:PORT` is also forwarded raw (a database on the developer's machine). Everything else is refused (HTTP 403).","type":"array","uniqueItems":true,"maxItems":256,"items":{"type":"string","maxLength":259,"pattern":"^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$","errorMessage":"must be a host name (`api.example.com`), a wildcard (`*.example.com`) or an IPv4 address, optionally with :PORT (1-65535)"}}}}}};
const schema23 = {"type":"array","uniqueItems":true,"maxItems":256,"items":{"$ref":"#/definitions/sandboxPath"}};
const schema24 = {"description":"A path for the sandbox: absolute (`/opt/tools`), in the user's home (`~` or `~/…`), or relative to the workspace (the project folder the server is started in). No `..` segments. A folder covers everything below it.","type":"string","minLength":1,"maxLength":4096,"pattern":"^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$"};
const pattern15 = new RegExp("^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$", "u");

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
if(data.length > 256){
const err0 = {instancePath,schemaPath:"#/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema23,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func3(data0) > 4096){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/sandboxPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema24,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func3(data0) < 1){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/sandboxPath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema24,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern15.test(data0)){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/sandboxPath/pattern",keyword:"pattern",params:{pattern: "^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$"},message:"must match pattern \""+"^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$"+"\"",schema:"^(?!(?:.*/)?\\.\\.(?:/|$))[^\\u0000]+$",parentSchema:schema24,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/sandboxPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err5 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema23,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema23.type,parentSchema:schema23,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

const pattern16 = new RegExp("^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$", "u");

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "mode") || (key0 === "filesystem")) || (key0 === "network"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(!(((data0 === "required") || (data0 === "preferred")) || (data0 === "off"))){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema22.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema22.properties.mode.enum,parentSchema:schema22.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.filesystem !== undefined){
let data1 = data.filesystem;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!((((key1 === "allowRead") || (key1 === "allowWrite")) || (key1 === "denyRead")) || (key1 === "denyWrite"))){
const err2 = {instancePath:instancePath+"/filesystem",schemaPath:"#/properties/filesystem/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.filesystem,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data1.allowRead !== undefined){
if(!(validate17(data1.allowRead, {instancePath:instancePath+"/filesystem/allowRead",parentData:data1,parentDataProperty:"allowRead",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data1.allowWrite !== undefined){
if(!(validate17(data1.allowWrite, {instancePath:instancePath+"/filesystem/allowWrite",parentData:data1,parentDataProperty:"allowWrite",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data1.denyRead !== undefined){
if(!(validate17(data1.denyRead, {instancePath:instancePath+"/filesystem/denyRead",parentData:data1,parentDataProperty:"denyRead",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data1.denyWrite !== undefined){
if(!(validate17(data1.denyWrite, {instancePath:instancePath+"/filesystem/denyWrite",parentData:data1,parentDataProperty:"denyWrite",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/filesystem",schemaPath:"#/properties/filesystem/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.filesystem.type,parentSchema:schema22.properties.filesystem,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.network !== undefined){
let data6 = data.network;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key2 in data6){
if(!(key2 === "allowedDomains")){
const err4 = {instancePath:instancePath+"/network",schemaPath:"#/properties/network/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema22.properties.network,data:data6};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data6.allowedDomains !== undefined){
let data7 = data6.allowedDomains;
if(Array.isArray(data7)){
if(data7.length > 256){
const err5 = {instancePath:instancePath+"/network/allowedDomains",schemaPath:"#/properties/network/properties/allowedDomains/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema22.properties.network.properties.allowedDomains,data:data7};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 === "string"){
if(func3(data8) > 259){
const err6 = {instancePath:instancePath+"/network/allowedDomains/" + i0,schemaPath:"#/properties/network/properties/allowedDomains/items/maxLength",keyword:"maxLength",params:{limit: 259},message:"must NOT have more than 259 characters",schema:259,parentSchema:schema22.properties.network.properties.allowedDomains.items,data:data8};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern16.test(data8)){
const err7 = {instancePath:instancePath+"/network/allowedDomains/" + i0,schemaPath:"#/properties/network/properties/allowedDomains/items/pattern",keyword:"pattern",params:{pattern: "^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$"},message:"must match pattern \""+"^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$"+"\"",schema:"^(?:\\*\\.)?(?:[A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?$",parentSchema:schema22.properties.network.properties.allowedDomains.items,data:data8};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/network/allowedDomains/" + i0,schemaPath:"#/properties/network/properties/allowedDomains/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.network.properties.allowedDomains.items.type,parentSchema:schema22.properties.network.properties.allowedDomains.items,data:data8};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let i1 = data7.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data7[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err9 = {instancePath:instancePath+"/network/allowedDomains",schemaPath:"#/properties/network/properties/allowedDomains/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema22.properties.network.properties.allowedDomains,data:data7};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err10 = {instancePath:instancePath+"/network/allowedDomains",schemaPath:"#/properties/network/properties/allowedDomains/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema22.properties.network.properties.allowedDomains.type,parentSchema:schema22.properties.network.properties.allowedDomains,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/network",schemaPath:"#/properties/network/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.network.type,parentSchema:schema22.properties.network,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.transport === undefined) && (missing0 = "transport")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.transport !== undefined){
if("stdio" !== data.transport){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
const _errs7 = errors;
let valid4 = false;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.sha256 === undefined){
const err2 = {instancePath,schemaPath:"#/allOf/0/then/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "sha256"},message:"must have required property '"+"sha256"+"'",schema:schema12.allOf[0].then.allOf[0].anyOf[0].required,parentSchema:schema12.allOf[0].then.allOf[0].anyOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid1 = _errs8 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.package === undefined){
const err3 = {instancePath,schemaPath:"#/allOf/0/then/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "package"},message:"must have required property '"+"package"+"'",schema:schema12.allOf[0].then.allOf[0].anyOf[1].required,parentSchema:schema12.allOf[0].then.allOf[0].anyOf[1],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid1 = _errs9 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.image === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/0/then/allOf/0/anyOf/2/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema12.allOf[0].then.allOf[0].anyOf[2].required,parentSchema:schema12.allOf[0].then.allOf[0].anyOf[2],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid4 = valid4 || _valid1;
}
}
if(!valid4){
const err5 = {instancePath,schemaPath:"#/allOf/0/then/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.allOf[0].then.allOf[0].anyOf,parentSchema:schema12.allOf[0].then.allOf[0],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err6 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema12.allOf[0].then.required,parentSchema:schema12.allOf[0].then,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.args === undefined){
const err7 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "args"},message:"must have required property '"+"args"+"'",schema:schema12.allOf[0].then.required,parentSchema:schema12.allOf[0].then,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.url !== undefined){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/allOf/0/then/properties/url/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[0].then.properties.url.not,parentSchema:schema12.allOf[0].then.properties.url,data:data.url};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.headers !== undefined){
const err9 = {instancePath:instancePath+"/headers",schemaPath:"#/allOf/0/then/properties/headers/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[0].then.properties.headers.not,parentSchema:schema12.allOf[0].then.properties.headers,data:data.headers};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err10 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema12.allOf[0].if,parentSchema:schema12.allOf[0],data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const _errs19 = errors;
let valid6 = true;
const _errs20 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.transport === undefined) && (missing1 = "transport")){
const err11 = {};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
if(data.transport !== undefined){
let data3 = data.transport;
if(!(((data3 === "http") || (data3 === "sse")) || (data3 === "ws"))){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
}
var _valid2 = _errs20 === errors;
errors = _errs19;
if(vErrors !== null){
if(_errs19){
vErrors.length = _errs19;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs22 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.url === undefined){
const err13 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema12.allOf[1].then.required,parentSchema:schema12.allOf[1].then,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data.command !== undefined){
const err14 = {instancePath:instancePath+"/command",schemaPath:"#/allOf/1/then/properties/command/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.command.not,parentSchema:schema12.allOf[1].then.properties.command,data:data.command};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data.args !== undefined){
const err15 = {instancePath:instancePath+"/args",schemaPath:"#/allOf/1/then/properties/args/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.args.not,parentSchema:schema12.allOf[1].then.properties.args,data:data.args};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data.trailingArgs !== undefined){
const err16 = {instancePath:instancePath+"/trailingArgs",schemaPath:"#/allOf/1/then/properties/trailingArgs/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.trailingArgs.not,parentSchema:schema12.allOf[1].then.properties.trailingArgs,data:data.trailingArgs};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data.sha256 !== undefined){
const err17 = {instancePath:instancePath+"/sha256",schemaPath:"#/allOf/1/then/properties/sha256/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.sha256.not,parentSchema:schema12.allOf[1].then.properties.sha256,data:data.sha256};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data.file !== undefined){
const err18 = {instancePath:instancePath+"/file",schemaPath:"#/allOf/1/then/properties/file/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.file.not,parentSchema:schema12.allOf[1].then.properties.file,data:data.file};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data.package !== undefined){
const err19 = {instancePath:instancePath+"/package",schemaPath:"#/allOf/1/then/properties/package/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.package.not,parentSchema:schema12.allOf[1].then.properties.package,data:data.package};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data.image !== undefined){
const err20 = {instancePath:instancePath+"/image",schemaPath:"#/allOf/1/then/properties/image/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.image.not,parentSchema:schema12.allOf[1].then.properties.image,data:data.image};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data.env !== undefined){
const err21 = {instancePath:instancePath+"/env",schemaPath:"#/allOf/1/then/properties/env/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.env.not,parentSchema:schema12.allOf[1].then.properties.env,data:data.env};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data.toolPins !== undefined){
const err22 = {instancePath:instancePath+"/toolPins",schemaPath:"#/allOf/1/then/properties/toolPins/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.toolPins.not,parentSchema:schema12.allOf[1].then.properties.toolPins,data:data.toolPins};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data.toolPinning !== undefined){
const err23 = {instancePath:instancePath+"/toolPinning",schemaPath:"#/allOf/1/then/properties/toolPinning/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.toolPinning.not,parentSchema:schema12.allOf[1].then.properties.toolPinning,data:data.toolPinning};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data.onToolChange !== undefined){
const err24 = {instancePath:instancePath+"/onToolChange",schemaPath:"#/allOf/1/then/properties/onToolChange/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema12.allOf[1].then.properties.onToolChange.not,parentSchema:schema12.allOf[1].then.properties.onToolChange,data:data.onToolChange};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var _valid2 = _errs22 === errors;
valid6 = _valid2;
}
if(!valid6){
const err25 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema12.allOf[1].if,parentSchema:schema12.allOf[1],data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err26 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data.transport === undefined){
const err27 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "transport"},message:"must have required property '"+"transport"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err28 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.file !== undefined){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.sha256 === undefined){
const err29 = {instancePath,schemaPath:"#/dependencies/file/required",keyword:"required",params:{missingProperty: "sha256"},message:"must have required property '"+"sha256"+"'",schema:schema12.dependencies.file.required,parentSchema:schema12.dependencies.file,data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
if(data.id !== undefined){
let data15 = data.id;
if(typeof data15 === "string"){
if(func3(data15) > 64){
const err30 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema12.properties.id,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!pattern0.test(data15)){
const err31 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema12.properties.id,data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.id.type,parentSchema:schema12.properties.id,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.description !== undefined){
let data16 = data.description;
if(typeof data16 === "string"){
if(func3(data16) > 2000){
const err33 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema12.properties.description,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.description.type,parentSchema:schema12.properties.description,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.transport !== undefined){
let data17 = data.transport;
if(typeof data17 !== "string"){
const err35 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.transport.type,parentSchema:schema12.properties.transport,data:data17};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!((((data17 === "stdio") || (data17 === "http")) || (data17 === "sse")) || (data17 === "ws"))){
const err36 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/enum",keyword:"enum",params:{allowedValues: schema12.properties.transport.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.transport.enum,parentSchema:schema12.properties.transport,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.command !== undefined){
let data18 = data.command;
if(typeof data18 === "string"){
if(func3(data18) > 4096){
const err37 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema12.properties.command,data:data18};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(func3(data18) < 1){
const err38 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.command,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.command.type,parentSchema:schema12.properties.command,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.args !== undefined){
let data19 = data.args;
if(Array.isArray(data19)){
if(data19.length > 256){
const err40 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema12.properties.args,data:data19};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
const len0 = data19.length;
for(let i0=0; i0<len0; i0++){
let data20 = data19[i0];
if(typeof data20 === "string"){
if(func3(data20) > 8192){
const err41 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/properties/args/items/maxLength",keyword:"maxLength",params:{limit: 8192},message:"must NOT have more than 8192 characters",schema:8192,parentSchema:schema12.properties.args.items,data:data20};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.args.items.type,parentSchema:schema12.properties.args.items,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.args.type,parentSchema:schema12.properties.args,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.trailingArgs !== undefined){
let data21 = data.trailingArgs;
if(typeof data21 !== "boolean"){
const err44 = {instancePath:instancePath+"/trailingArgs",schemaPath:"#/properties/trailingArgs/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.trailingArgs.type,parentSchema:schema12.properties.trailingArgs,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.sha256 !== undefined){
let data22 = data.sha256;
if(typeof data22 === "string"){
if(!pattern1.test(data22)){
const err45 = {instancePath:instancePath+"/sha256",schemaPath:"#/definitions/sha256Hex/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema13,data:data22};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/sha256",schemaPath:"#/definitions/sha256Hex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data22};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.file !== undefined){
let data23 = data.file;
if(typeof data23 === "string"){
if(func3(data23) > 4096){
const err47 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema12.properties.file,data:data23};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(func3(data23) < 1){
const err48 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.file,data:data23};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.file.type,parentSchema:schema12.properties.file,data:data23};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.package !== undefined){
let data24 = data.package;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.registry === undefined){
const err50 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/required",keyword:"required",params:{missingProperty: "registry"},message:"must have required property '"+"registry"+"'",schema:schema12.properties.package.required,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(data24.name === undefined){
const err51 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.properties.package.required,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data24.version === undefined){
const err52 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema12.properties.package.required,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data24.integrity === undefined){
const err53 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/required",keyword:"required",params:{missingProperty: "integrity"},message:"must have required property '"+"integrity"+"'",schema:schema12.properties.package.required,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
for(const key1 in data24){
if(!((((key1 === "registry") || (key1 === "name")) || (key1 === "version")) || (key1 === "integrity"))){
const err54 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data24.registry !== undefined){
let data25 = data24.registry;
if(typeof data25 !== "string"){
const err55 = {instancePath:instancePath+"/package/registry",schemaPath:"#/properties/package/properties/registry/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.package.properties.registry.type,parentSchema:schema12.properties.package.properties.registry,data:data25};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!(data25 === "npm")){
const err56 = {instancePath:instancePath+"/package/registry",schemaPath:"#/properties/package/properties/registry/enum",keyword:"enum",params:{allowedValues: schema12.properties.package.properties.registry.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.package.properties.registry.enum,parentSchema:schema12.properties.package.properties.registry,data:data25};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data24.name !== undefined){
let data26 = data24.name;
if(typeof data26 === "string"){
if(func3(data26) > 214){
const err57 = {instancePath:instancePath+"/package/name",schemaPath:"#/properties/package/properties/name/maxLength",keyword:"maxLength",params:{limit: 214},message:"must NOT have more than 214 characters",schema:214,parentSchema:schema12.properties.package.properties.name,data:data26};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!pattern2.test(data26)){
const err58 = {instancePath:instancePath+"/package/name",schemaPath:"#/properties/package/properties/name/pattern",keyword:"pattern",params:{pattern: "^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$"},message:"must match pattern \""+"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$"+"\"",schema:"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$",parentSchema:schema12.properties.package.properties.name,data:data26};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/package/name",schemaPath:"#/properties/package/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.package.properties.name.type,parentSchema:schema12.properties.package.properties.name,data:data26};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data24.version !== undefined){
let data27 = data24.version;
if(typeof data27 === "string"){
if(func3(data27) > 256){
const err60 = {instancePath:instancePath+"/package/version",schemaPath:"#/properties/package/properties/version/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema12.properties.package.properties.version,data:data27};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(!pattern3.test(data27)){
const err61 = {instancePath:instancePath+"/package/version",schemaPath:"#/properties/package/properties/version/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$"+"\"",schema:"^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$",parentSchema:schema12.properties.package.properties.version,data:data27};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/package/version",schemaPath:"#/properties/package/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.package.properties.version.type,parentSchema:schema12.properties.package.properties.version,data:data27};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data24.integrity !== undefined){
let data28 = data24.integrity;
if(typeof data28 === "string"){
if(!pattern4.test(data28)){
const err63 = {instancePath:instancePath+"/package/integrity",schemaPath:"#/properties/package/properties/integrity/pattern",keyword:"pattern",params:{pattern: "^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$"},message:"must match pattern \""+"^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$"+"\"",schema:"^(?:sha512-[A-Za-z0-9+/]{86}==|sha384-[A-Za-z0-9+/]{64}|sha256-[A-Za-z0-9+/]{43}=)$",parentSchema:schema12.properties.package.properties.integrity,data:data28};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/package/integrity",schemaPath:"#/properties/package/properties/integrity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.package.properties.integrity.type,parentSchema:schema12.properties.package.properties.integrity,data:data28};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.package.type,parentSchema:schema12.properties.package,data:data24};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.image !== undefined){
let data29 = data.image;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.digest === undefined){
const err66 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/required",keyword:"required",params:{missingProperty: "digest"},message:"must have required property '"+"digest"+"'",schema:schema12.properties.image.required,parentSchema:schema12.properties.image,data:data29};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
for(const key2 in data29){
if(!((key2 === "name") || (key2 === "digest"))){
const err67 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.image,data:data29};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data29.name !== undefined){
let data30 = data29.name;
if(typeof data30 === "string"){
if(func3(data30) > 512){
const err68 = {instancePath:instancePath+"/image/name",schemaPath:"#/properties/image/properties/name/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters",schema:512,parentSchema:schema12.properties.image.properties.name,data:data30};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(!pattern5.test(data30)){
const err69 = {instancePath:instancePath+"/image/name",schemaPath:"#/properties/image/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9._/:-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9._/:-]*$"+"\"",schema:"^[a-z0-9][a-z0-9._/:-]*$",parentSchema:schema12.properties.image.properties.name,data:data30};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/image/name",schemaPath:"#/properties/image/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.image.properties.name.type,parentSchema:schema12.properties.image.properties.name,data:data30};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data29.digest !== undefined){
let data31 = data29.digest;
if(typeof data31 === "string"){
if(!pattern6.test(data31)){
const err71 = {instancePath:instancePath+"/image/digest",schemaPath:"#/properties/image/properties/digest/pattern",keyword:"pattern",params:{pattern: "^sha256:[a-f0-9]{64}$"},message:"must match pattern \""+"^sha256:[a-f0-9]{64}$"+"\"",schema:"^sha256:[a-f0-9]{64}$",parentSchema:schema12.properties.image.properties.digest,data:data31};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/image/digest",schemaPath:"#/properties/image/properties/digest/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.image.properties.digest.type,parentSchema:schema12.properties.image.properties.digest,data:data31};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
else {
const err73 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.image.type,parentSchema:schema12.properties.image,data:data29};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data.url !== undefined){
let data32 = data.url;
if(typeof data32 === "string"){
if(func3(data32) > 2048){
const err74 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema14,data:data32};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(!pattern7.test(data32)){
const err75 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$"},message:"must match pattern \""+"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$"+"\"",schema:"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$",parentSchema:schema14,data:data32};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
else {
const err76 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data32};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.env !== undefined){
let data33 = data.env;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key3 in data33){
if(!((key3 === "secrets") || (key3 === "allowed"))){
const err77 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.env,data:data33};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data33.secrets !== undefined){
let data34 = data33.secrets;
if(Array.isArray(data34)){
if(data34.length > 256){
const err78 = {instancePath:instancePath+"/env/secrets",schemaPath:"#/properties/env/properties/secrets/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema12.properties.env.properties.secrets,data:data34};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
const len1 = data34.length;
for(let i1=0; i1<len1; i1++){
let data35 = data34[i1];
if(typeof data35 === "string"){
if(func3(data35) > 256){
const err79 = {instancePath:instancePath+"/env/secrets/" + i1,schemaPath:"#/definitions/envName/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema15,data:data35};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(!pattern8.test(data35)){
const err80 = {instancePath:instancePath+"/env/secrets/" + i1,schemaPath:"#/definitions/envName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15,data:data35};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
else {
const err81 = {instancePath:instancePath+"/env/secrets/" + i1,schemaPath:"#/definitions/envName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data35};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
let i2 = data34.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data34[i2], data34[j0])){
const err82 = {instancePath:instancePath+"/env/secrets",schemaPath:"#/properties/env/properties/secrets/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema12.properties.env.properties.secrets,data:data34};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err83 = {instancePath:instancePath+"/env/secrets",schemaPath:"#/properties/env/properties/secrets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.env.properties.secrets.type,parentSchema:schema12.properties.env.properties.secrets,data:data34};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data33.allowed !== undefined){
let data36 = data33.allowed;
if(Array.isArray(data36)){
if(data36.length > 256){
const err84 = {instancePath:instancePath+"/env/allowed",schemaPath:"#/properties/env/properties/allowed/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema12.properties.env.properties.allowed,data:data36};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
const len2 = data36.length;
for(let i3=0; i3<len2; i3++){
let data37 = data36[i3];
if(typeof data37 === "string"){
if(func3(data37) > 256){
const err85 = {instancePath:instancePath+"/env/allowed/" + i3,schemaPath:"#/definitions/envName/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema15,data:data37};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(!pattern8.test(data37)){
const err86 = {instancePath:instancePath+"/env/allowed/" + i3,schemaPath:"#/definitions/envName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15,data:data37};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
else {
const err87 = {instancePath:instancePath+"/env/allowed/" + i3,schemaPath:"#/definitions/envName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data37};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
let i4 = data36.length;
let j1;
if(i4 > 1){
outer1:
for(;i4--;){
for(j1 = i4; j1--;){
if(func0(data36[i4], data36[j1])){
const err88 = {instancePath:instancePath+"/env/allowed",schemaPath:"#/properties/env/properties/allowed/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema12.properties.env.properties.allowed,data:data36};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err89 = {instancePath:instancePath+"/env/allowed",schemaPath:"#/properties/env/properties/allowed/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.env.properties.allowed.type,parentSchema:schema12.properties.env.properties.allowed,data:data36};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
}
else {
const err90 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.env.type,parentSchema:schema12.properties.env,data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data.headers !== undefined){
let data38 = data.headers;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
for(const key4 in data38){
if(!(key4 === "secrets")){
const err91 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.headers,data:data38};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data38.secrets !== undefined){
let data39 = data38.secrets;
if(Array.isArray(data39)){
if(data39.length > 64){
const err92 = {instancePath:instancePath+"/headers/secrets",schemaPath:"#/properties/headers/properties/secrets/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema12.properties.headers.properties.secrets,data:data39};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
const len3 = data39.length;
for(let i5=0; i5<len3; i5++){
let data40 = data39[i5];
if(typeof data40 === "string"){
if(func3(data40) > 256){
const err93 = {instancePath:instancePath+"/headers/secrets/" + i5,schemaPath:"#/properties/headers/properties/secrets/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema12.properties.headers.properties.secrets.items,data:data40};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if(!pattern10.test(data40)){
const err94 = {instancePath:instancePath+"/headers/secrets/" + i5,schemaPath:"#/properties/headers/properties/secrets/items/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",schema:"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",parentSchema:schema12.properties.headers.properties.secrets.items,data:data40};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
else {
const err95 = {instancePath:instancePath+"/headers/secrets/" + i5,schemaPath:"#/properties/headers/properties/secrets/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.headers.properties.secrets.items.type,parentSchema:schema12.properties.headers.properties.secrets.items,data:data40};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
let i6 = data39.length;
let j2;
if(i6 > 1){
const indices0 = {};
for(;i6--;){
let item0 = data39[i6];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j2 = indices0[item0];
const err96 = {instancePath:instancePath+"/headers/secrets",schemaPath:"#/properties/headers/properties/secrets/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema12.properties.headers.properties.secrets,data:data39};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
break;
}
indices0[item0] = i6;
}
}
}
else {
const err97 = {instancePath:instancePath+"/headers/secrets",schemaPath:"#/properties/headers/properties/secrets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.headers.properties.secrets.type,parentSchema:schema12.properties.headers.properties.secrets,data:data39};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.headers.type,parentSchema:schema12.properties.headers,data:data38};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data.scopes !== undefined){
let data41 = data.scopes;
if(Array.isArray(data41)){
if(data41.length < 1){
const err99 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.scopes,data:data41};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
const len4 = data41.length;
for(let i7=0; i7<len4; i7++){
let data42 = data41[i7];
if(typeof data42 !== "string"){
const err100 = {instancePath:instancePath+"/scopes/" + i7,schemaPath:"#/properties/scopes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.scopes.items.type,parentSchema:schema12.properties.scopes.items,data:data42};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
if(!(((data42 === "user") || (data42 === "local")) || (data42 === "project"))){
const err101 = {instancePath:instancePath+"/scopes/" + i7,schemaPath:"#/properties/scopes/items/enum",keyword:"enum",params:{allowedValues: schema12.properties.scopes.items.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.scopes.items.enum,parentSchema:schema12.properties.scopes.items,data:data42};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
let i8 = data41.length;
let j3;
if(i8 > 1){
const indices1 = {};
for(;i8--;){
let item1 = data41[i8];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j3 = indices1[item1];
const err102 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i8+" are identical)",schema:true,parentSchema:schema12.properties.scopes,data:data41};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
break;
}
indices1[item1] = i8;
}
}
}
else {
const err103 = {instancePath:instancePath+"/scopes",schemaPath:"#/properties/scopes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.scopes.type,parentSchema:schema12.properties.scopes,data:data41};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data.toolPinning !== undefined){
let data43 = data.toolPinning;
if(typeof data43 !== "string"){
const err104 = {instancePath:instancePath+"/toolPinning",schemaPath:"#/properties/toolPinning/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.toolPinning.type,parentSchema:schema12.properties.toolPinning,data:data43};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(!(((data43 === "pinned") || (data43 === "tofu")) || (data43 === "off"))){
const err105 = {instancePath:instancePath+"/toolPinning",schemaPath:"#/properties/toolPinning/enum",keyword:"enum",params:{allowedValues: schema12.properties.toolPinning.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.toolPinning.enum,parentSchema:schema12.properties.toolPinning,data:data43};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data.onToolChange !== undefined){
let data44 = data.onToolChange;
if(typeof data44 !== "string"){
const err106 = {instancePath:instancePath+"/onToolChange",schemaPath:"#/properties/onToolChange/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.onToolChange.type,parentSchema:schema12.properties.onToolChange,data:data44};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(!((data44 === "withhold") || (data44 === "block"))){
const err107 = {instancePath:instancePath+"/onToolChange",schemaPath:"#/properties/onToolChange/enum",keyword:"enum",params:{allowedValues: schema12.properties.onToolChange.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.onToolChange.enum,parentSchema:schema12.properties.onToolChange,data:data44};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data.toolPins !== undefined){
let data45 = data.toolPins;
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
if(data45.server === undefined){
const err108 = {instancePath:instancePath+"/toolPins",schemaPath:"#/properties/toolPins/required",keyword:"required",params:{missingProperty: "server"},message:"must have required property '"+"server"+"'",schema:schema12.properties.toolPins.required,parentSchema:schema12.properties.toolPins,data:data45};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if(data45.tools === undefined){
const err109 = {instancePath:instancePath+"/toolPins",schemaPath:"#/properties/toolPins/required",keyword:"required",params:{missingProperty: "tools"},message:"must have required property '"+"tools"+"'",schema:schema12.properties.toolPins.required,parentSchema:schema12.properties.toolPins,data:data45};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
for(const key5 in data45){
if(!(((((key5 === "server") || (key5 === "tools")) || (key5 === "prompts")) || (key5 === "resourceTemplates")) || (key5 === "pinnedAt"))){
const err110 = {instancePath:instancePath+"/toolPins",schemaPath:"#/properties/toolPins/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.toolPins,data:data45};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
if(data45.server !== undefined){
let data46 = data45.server;
if(typeof data46 === "string"){
if(!pattern1.test(data46)){
const err111 = {instancePath:instancePath+"/toolPins/server",schemaPath:"#/definitions/sha256Hex/pattern",keyword:"pattern",params:{pattern: "^[a-f0-9]{64}$"},message:"must match pattern \""+"^[a-f0-9]{64}$"+"\"",schema:"^[a-f0-9]{64}$",parentSchema:schema13,data:data46};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
else {
const err112 = {instancePath:instancePath+"/toolPins/server",schemaPath:"#/definitions/sha256Hex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data46};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
if(data45.tools !== undefined){
if(!(validate12(data45.tools, {instancePath:instancePath+"/toolPins/tools",parentData:data45,parentDataProperty:"tools",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data45.prompts !== undefined){
if(!(validate12(data45.prompts, {instancePath:instancePath+"/toolPins/prompts",parentData:data45,parentDataProperty:"prompts",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data45.resourceTemplates !== undefined){
if(!(validate12(data45.resourceTemplates, {instancePath:instancePath+"/toolPins/resourceTemplates",parentData:data45,parentDataProperty:"resourceTemplates",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data45.pinnedAt !== undefined){
let data50 = data45.pinnedAt;
if(typeof data50 === "string"){
if(func3(data50) > 64){
const err113 = {instancePath:instancePath+"/toolPins/pinnedAt",schemaPath:"#/properties/toolPins/properties/pinnedAt/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema12.properties.toolPins.properties.pinnedAt,data:data50};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
else {
const err114 = {instancePath:instancePath+"/toolPins/pinnedAt",schemaPath:"#/properties/toolPins/properties/pinnedAt/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.toolPins.properties.pinnedAt.type,parentSchema:schema12.properties.toolPins.properties.pinnedAt,data:data50};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
else {
const err115 = {instancePath:instancePath+"/toolPins",schemaPath:"#/properties/toolPins/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.toolPins.type,parentSchema:schema12.properties.toolPins,data:data45};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data.clients !== undefined){
let data51 = data.clients;
if(Array.isArray(data51)){
if(data51.length < 1){
const err116 = {instancePath:instancePath+"/clients",schemaPath:"#/properties/clients/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.clients,data:data51};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
const len5 = data51.length;
for(let i9=0; i9<len5; i9++){
let data52 = data51[i9];
if(typeof data52 !== "string"){
const err117 = {instancePath:instancePath+"/clients/" + i9,schemaPath:"#/properties/clients/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.clients.items.type,parentSchema:schema12.properties.clients.items,data:data52};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if(!(((((((data52 === "claude-code") || (data52 === "cursor")) || (data52 === "vscode")) || (data52 === "claude-desktop")) || (data52 === "windsurf")) || (data52 === "gemini-cli")) || (data52 === "codex"))){
const err118 = {instancePath:instancePath+"/clients/" + i9,schemaPath:"#/properties/clients/items/enum",keyword:"enum",params:{allowedValues: schema12.properties.clients.items.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.clients.items.enum,parentSchema:schema12.properties.clients.items,data:data52};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
let i10 = data51.length;
let j4;
if(i10 > 1){
const indices2 = {};
for(;i10--;){
let item2 = data51[i10];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j4 = indices2[item2];
const err119 = {instancePath:instancePath+"/clients",schemaPath:"#/properties/clients/uniqueItems",keyword:"uniqueItems",params:{i: i10, j: j4},message:"must NOT have duplicate items (items ## "+j4+" and "+i10+" are identical)",schema:true,parentSchema:schema12.properties.clients,data:data51};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
break;
}
indices2[item2] = i10;
}
}
}
else {
const err120 = {instancePath:instancePath+"/clients",schemaPath:"#/properties/clients/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.clients.type,parentSchema:schema12.properties.clients,data:data51};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data.tools !== undefined){
let data53 = data.tools;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
for(const key6 in data53){
if(!((key6 === "ask") || (key6 === "deny"))){
const err121 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.tools,data:data53};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data53.ask !== undefined){
let data54 = data53.ask;
if(Array.isArray(data54)){
if(data54.length > 1000){
const err122 = {instancePath:instancePath+"/tools/ask",schemaPath:"#/properties/tools/properties/ask/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items",schema:1000,parentSchema:schema12.properties.tools.properties.ask,data:data54};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
const len6 = data54.length;
for(let i11=0; i11<len6; i11++){
let data55 = data54[i11];
if(typeof data55 === "string"){
if(!pattern13.test(data55)){
const err123 = {instancePath:instancePath+"/tools/ask/" + i11,schemaPath:"#/definitions/toolName/pattern",keyword:"pattern",params:{pattern: "^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$"},message:"must match pattern \""+"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$"+"\"",schema:"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$",parentSchema:schema20,data:data55};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
else {
const err124 = {instancePath:instancePath+"/tools/ask/" + i11,schemaPath:"#/definitions/toolName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data55};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
let i12 = data54.length;
let j5;
if(i12 > 1){
outer2:
for(;i12--;){
for(j5 = i12; j5--;){
if(func0(data54[i12], data54[j5])){
const err125 = {instancePath:instancePath+"/tools/ask",schemaPath:"#/properties/tools/properties/ask/uniqueItems",keyword:"uniqueItems",params:{i: i12, j: j5},message:"must NOT have duplicate items (items ## "+j5+" and "+i12+" are identical)",schema:true,parentSchema:schema12.properties.tools.properties.ask,data:data54};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err126 = {instancePath:instancePath+"/tools/ask",schemaPath:"#/properties/tools/properties/ask/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.tools.properties.ask.type,parentSchema:schema12.properties.tools.properties.ask,data:data54};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
if(data53.deny !== undefined){
let data56 = data53.deny;
if(Array.isArray(data56)){
if(data56.length > 1000){
const err127 = {instancePath:instancePath+"/tools/deny",schemaPath:"#/properties/tools/properties/deny/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items",schema:1000,parentSchema:schema12.properties.tools.properties.deny,data:data56};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
const len7 = data56.length;
for(let i13=0; i13<len7; i13++){
let data57 = data56[i13];
if(typeof data57 === "string"){
if(!pattern13.test(data57)){
const err128 = {instancePath:instancePath+"/tools/deny/" + i13,schemaPath:"#/definitions/toolName/pattern",keyword:"pattern",params:{pattern: "^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$"},message:"must match pattern \""+"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$"+"\"",schema:"^(?:\\*|[A-Za-z0-9_./-]{1,128}\\*?)$",parentSchema:schema20,data:data57};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
else {
const err129 = {instancePath:instancePath+"/tools/deny/" + i13,schemaPath:"#/definitions/toolName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.type,parentSchema:schema20,data:data57};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
let i14 = data56.length;
let j6;
if(i14 > 1){
outer3:
for(;i14--;){
for(j6 = i14; j6--;){
if(func0(data56[i14], data56[j6])){
const err130 = {instancePath:instancePath+"/tools/deny",schemaPath:"#/properties/tools/properties/deny/uniqueItems",keyword:"uniqueItems",params:{i: i14, j: j6},message:"must NOT have duplicate items (items ## "+j6+" and "+i14+" are identical)",schema:true,parentSchema:schema12.properties.tools.properties.deny,data:data56};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
break outer3;
}
}
}
}
}
else {
const err131 = {instancePath:instancePath+"/tools/deny",schemaPath:"#/properties/tools/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.tools.properties.deny.type,parentSchema:schema12.properties.tools.properties.deny,data:data56};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
}
else {
const err132 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.tools.type,parentSchema:schema12.properties.tools,data:data53};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data.sandbox !== undefined){
if(!(validate16(data.sandbox, {instancePath:instancePath+"/sandbox",parentData:data,parentDataProperty:"sandbox",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err133 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema25 = {"description":"A server that is never allowed. Every field given must match.","type":"object","additionalProperties":false,"properties":{"command":{"description":"Exact command of a stdio entry.","type":"string","minLength":1,"maxLength":4096},"args":{"description":"Exact args (together with `command`).","type":"array","maxItems":256,"items":{"type":"string","maxLength":8192}},"package":{"description":"npm package name, any version, wherever it appears in the argv (`name` or `name@…`).","type":"string","maxLength":214,"pattern":"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$","errorMessage":"must be an npm package name without a version"},"url":{"description":"URL glob as for a server's `url`.","$ref":"#/definitions/urlPattern"},"name":{"description":"Entry name. Users choose names, so a name rule alone is a convenience, not a control.","type":"string","minLength":1,"maxLength":256},"reason":{"description":"Why it is denied; shown to the developer and in reports.","type":"string","maxLength":2000}},"allOf":[{"anyOf":[{"required":["command"]},{"required":["package"]},{"required":["url"]},{"required":["name"]}],"errorMessage":"a deny rule needs at least one of command, package, url or name"}],"dependencies":{"args":{"required":["command"],"errorMessage":"`args` only narrows a `command` rule: set command too"}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = false;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err0 = {instancePath,schemaPath:"#/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema25.allOf[0].anyOf[0].required,parentSchema:schema25.allOf[0].anyOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.package === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "package"},message:"must have required property '"+"package"+"'",schema:schema25.allOf[0].anyOf[1].required,parentSchema:schema25.allOf[0].anyOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.url === undefined){
const err2 = {instancePath,schemaPath:"#/allOf/0/anyOf/2/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema25.allOf[0].anyOf[2].required,parentSchema:schema25.allOf[0].anyOf[2],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = valid1 || _valid0;
if(!valid1){
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err3 = {instancePath,schemaPath:"#/allOf/0/anyOf/3/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema25.allOf[0].anyOf[3].required,parentSchema:schema25.allOf[0].anyOf[3],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid1 = valid1 || _valid0;
}
}
}
if(!valid1){
const err4 = {instancePath,schemaPath:"#/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema25.allOf[0].anyOf,parentSchema:schema25.allOf[0],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
else {
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "command") || (key0 === "args")) || (key0 === "package")) || (key0 === "url")) || (key0 === "name")) || (key0 === "reason"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.args !== undefined){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.command === undefined){
const err6 = {instancePath,schemaPath:"#/dependencies/args/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema25.dependencies.args.required,parentSchema:schema25.dependencies.args,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.command !== undefined){
let data0 = data.command;
if(typeof data0 === "string"){
if(func3(data0) > 4096){
const err7 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema25.properties.command,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data0) < 1){
const err8 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.properties.command,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.command.type,parentSchema:schema25.properties.command,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.args !== undefined){
let data1 = data.args;
if(Array.isArray(data1)){
if(data1.length > 256){
const err10 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema25.properties.args,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func3(data2) > 8192){
const err11 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/properties/args/items/maxLength",keyword:"maxLength",params:{limit: 8192},message:"must NOT have more than 8192 characters",schema:8192,parentSchema:schema25.properties.args.items,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.args.items.type,parentSchema:schema25.properties.args.items,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema25.properties.args.type,parentSchema:schema25.properties.args,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.package !== undefined){
let data3 = data.package;
if(typeof data3 === "string"){
if(func3(data3) > 214){
const err14 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/maxLength",keyword:"maxLength",params:{limit: 214},message:"must NOT have more than 214 characters",schema:214,parentSchema:schema25.properties.package,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern2.test(data3)){
const err15 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/pattern",keyword:"pattern",params:{pattern: "^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$"},message:"must match pattern \""+"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$"+"\"",schema:"^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$",parentSchema:schema25.properties.package,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.package.type,parentSchema:schema25.properties.package,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.url !== undefined){
let data4 = data.url;
if(typeof data4 === "string"){
if(func3(data4) > 2048){
const err17 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern7.test(data4)){
const err18 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$"},message:"must match pattern \""+"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$"+"\"",schema:"^[A-Za-z*][A-Za-z0-9+.*-]*://[^\\s]+$",parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/url",schemaPath:"#/definitions/urlPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.name !== undefined){
let data5 = data.name;
if(typeof data5 === "string"){
if(func3(data5) > 256){
const err20 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema25.properties.name,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(func3(data5) < 1){
const err21 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema25.properties.name,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.name.type,parentSchema:schema25.properties.name,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.reason !== undefined){
let data6 = data.reason;
if(typeof data6 === "string"){
if(func3(data6) > 2000){
const err23 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema25.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.reason.type,parentSchema:schema25.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema27 = {"description":"A plugin marketplace source, in the shape Claude Code uses in `strictKnownMarketplaces` and `blockedMarketplaces`. Fields given must match exactly (a `repo` may be `owner/*` for every repository of an owner); `hostPattern` and `pathPattern` are regular expressions.","oneOf":[{"description":"A GitHub repository (`owner/repo`).","type":"object","additionalProperties":false,"required":["source","repo"],"properties":{"source":{"const":"github"},"repo":{"type":"string","pattern":"^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$","maxLength":256},"ref":{"$ref":"#/definitions/marketplaceRef"},"path":{"$ref":"#/definitions/marketplaceSubdir"}}},{"description":"Any git URL (https or SSH).","type":"object","additionalProperties":false,"required":["source","url"],"properties":{"source":{"const":"git"},"url":{"type":"string","minLength":1,"maxLength":2048},"ref":{"$ref":"#/definitions/marketplaceRef"},"path":{"$ref":"#/definitions/marketplaceSubdir"}}},{"description":"A marketplace.json served over HTTP(S).","type":"object","additionalProperties":false,"required":["source","url"],"properties":{"source":{"const":"url"},"url":{"type":"string","minLength":1,"maxLength":2048}}},{"description":"An npm package holding the marketplace.","type":"object","additionalProperties":false,"required":["source","package"],"properties":{"source":{"const":"npm"},"package":{"type":"string","minLength":1,"maxLength":214}}},{"description":"A marketplace.json file on disk (absolute path).","type":"object","additionalProperties":false,"required":["source","path"],"properties":{"source":{"const":"file"},"path":{"type":"string","minLength":1,"maxLength":4096}}},{"description":"A folder holding .claude-plugin/marketplace.json (absolute path).","type":"object","additionalProperties":false,"required":["source","path"],"properties":{"source":{"const":"directory"},"path":{"type":"string","minLength":1,"maxLength":4096}}},{"description":"Every github, git and url source whose host matches this regular expression (a github source's host is github.com).","type":"object","additionalProperties":false,"required":["source","hostPattern"],"properties":{"source":{"const":"hostPattern"},"hostPattern":{"type":"string","minLength":1,"maxLength":1024}}},{"description":"Every file and directory source whose path matches this regular expression.","type":"object","additionalProperties":false,"required":["source","pathPattern"],"properties":{"source":{"const":"pathPattern"},"pathPattern":{"type":"string","minLength":1,"maxLength":1024}}}]};
const schema28 = {"description":"Git branch or tag; when given it must match exactly.","type":"string","minLength":1,"maxLength":256};
const schema29 = {"description":"Sub-folder of the repository holding the marketplace; when given it must match exactly.","type":"string","minLength":1,"maxLength":1024};
const pattern19 = new RegExp("^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$", "u");

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[0].required,parentSchema:schema27.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.repo === undefined){
const err1 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "repo"},message:"must have required property '"+"repo"+"'",schema:schema27.oneOf[0].required,parentSchema:schema27.oneOf[0],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "source") || (key0 === "repo")) || (key0 === "ref")) || (key0 === "path"))){
const err2 = {instancePath,schemaPath:"#/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.source !== undefined){
let data0 = data.source;
if("github" !== data0){
const err3 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/0/properties/source/const",keyword:"const",params:{allowedValue: "github"},message:"must be equal to constant",schema:"github",parentSchema:schema27.oneOf[0].properties.source,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.repo !== undefined){
let data1 = data.repo;
if(typeof data1 === "string"){
if(func3(data1) > 256){
const err4 = {instancePath:instancePath+"/repo",schemaPath:"#/oneOf/0/properties/repo/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema27.oneOf[0].properties.repo,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern19.test(data1)){
const err5 = {instancePath:instancePath+"/repo",schemaPath:"#/oneOf/0/properties/repo/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$"+"\"",schema:"^[A-Za-z0-9_.-]+/(\\*|[A-Za-z0-9_.-]+)$",parentSchema:schema27.oneOf[0].properties.repo,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/repo",schemaPath:"#/oneOf/0/properties/repo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[0].properties.repo.type,parentSchema:schema27.oneOf[0].properties.repo,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.ref !== undefined){
let data2 = data.ref;
if(typeof data2 === "string"){
if(func3(data2) > 256){
const err7 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema28,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data2) < 1){
const err8 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema28,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.path !== undefined){
let data3 = data.path;
if(typeof data3 === "string"){
if(func3(data3) > 1024){
const err10 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema29,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func3(data3) < 1){
const err11 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[0].type,parentSchema:schema27.oneOf[0],data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err14 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[1].required,parentSchema:schema27.oneOf[1],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data.url === undefined){
const err15 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema27.oneOf[1].required,parentSchema:schema27.oneOf[1],data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key1 in data){
if(!((((key1 === "source") || (key1 === "url")) || (key1 === "ref")) || (key1 === "path"))){
const err16 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[1],data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.source !== undefined){
let data4 = data.source;
if("git" !== data4){
const err17 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/1/properties/source/const",keyword:"const",params:{allowedValue: "git"},message:"must be equal to constant",schema:"git",parentSchema:schema27.oneOf[1].properties.source,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.url !== undefined){
let data5 = data.url;
if(typeof data5 === "string"){
if(func3(data5) > 2048){
const err18 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/1/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema27.oneOf[1].properties.url,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(func3(data5) < 1){
const err19 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/1/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[1].properties.url,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/1/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[1].properties.url.type,parentSchema:schema27.oneOf[1].properties.url,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.ref !== undefined){
let data6 = data.ref;
if(typeof data6 === "string"){
if(func3(data6) > 256){
const err21 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema28,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(func3(data6) < 1){
const err22 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema28,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/ref",schemaPath:"#/definitions/marketplaceRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.path !== undefined){
let data7 = data.path;
if(typeof data7 === "string"){
if(func3(data7) > 1024){
const err24 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema29,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func3(data7) < 1){
const err25 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema29,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/path",schemaPath:"#/definitions/marketplaceSubdir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[1].type,parentSchema:schema27.oneOf[1],data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs25 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err28 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[2].required,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data.url === undefined){
const err29 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema27.oneOf[2].required,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
for(const key2 in data){
if(!((key2 === "source") || (key2 === "url"))){
const err30 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.source !== undefined){
let data8 = data.source;
if("url" !== data8){
const err31 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/2/properties/source/const",keyword:"const",params:{allowedValue: "url"},message:"must be equal to constant",schema:"url",parentSchema:schema27.oneOf[2].properties.source,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.url !== undefined){
let data9 = data.url;
if(typeof data9 === "string"){
if(func3(data9) > 2048){
const err32 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/2/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema27.oneOf[2].properties.url,data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(func3(data9) < 1){
const err33 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/2/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[2].properties.url,data:data9};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/url",schemaPath:"#/oneOf/2/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[2].properties.url.type,parentSchema:schema27.oneOf[2].properties.url,data:data9};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[2].type,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
var _valid0 = _errs25 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs31 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err36 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[3].required,parentSchema:schema27.oneOf[3],data};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data.package === undefined){
const err37 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: "package"},message:"must have required property '"+"package"+"'",schema:schema27.oneOf[3].required,parentSchema:schema27.oneOf[3],data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key3 in data){
if(!((key3 === "source") || (key3 === "package"))){
const err38 = {instancePath,schemaPath:"#/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[3],data};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.source !== undefined){
let data10 = data.source;
if("npm" !== data10){
const err39 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/3/properties/source/const",keyword:"const",params:{allowedValue: "npm"},message:"must be equal to constant",schema:"npm",parentSchema:schema27.oneOf[3].properties.source,data:data10};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.package !== undefined){
let data11 = data.package;
if(typeof data11 === "string"){
if(func3(data11) > 214){
const err40 = {instancePath:instancePath+"/package",schemaPath:"#/oneOf/3/properties/package/maxLength",keyword:"maxLength",params:{limit: 214},message:"must NOT have more than 214 characters",schema:214,parentSchema:schema27.oneOf[3].properties.package,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(func3(data11) < 1){
const err41 = {instancePath:instancePath+"/package",schemaPath:"#/oneOf/3/properties/package/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[3].properties.package,data:data11};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/package",schemaPath:"#/oneOf/3/properties/package/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[3].properties.package.type,parentSchema:schema27.oneOf[3].properties.package,data:data11};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[3].type,parentSchema:schema27.oneOf[3],data};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
var _valid0 = _errs31 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs37 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err44 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[4].required,parentSchema:schema27.oneOf[4],data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data.path === undefined){
const err45 = {instancePath,schemaPath:"#/oneOf/4/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema27.oneOf[4].required,parentSchema:schema27.oneOf[4],data};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
for(const key4 in data){
if(!((key4 === "source") || (key4 === "path"))){
const err46 = {instancePath,schemaPath:"#/oneOf/4/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[4],data};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.source !== undefined){
let data12 = data.source;
if("file" !== data12){
const err47 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/4/properties/source/const",keyword:"const",params:{allowedValue: "file"},message:"must be equal to constant",schema:"file",parentSchema:schema27.oneOf[4].properties.source,data:data12};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.path !== undefined){
let data13 = data.path;
if(typeof data13 === "string"){
if(func3(data13) > 4096){
const err48 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/4/properties/path/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema27.oneOf[4].properties.path,data:data13};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(func3(data13) < 1){
const err49 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/4/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[4].properties.path,data:data13};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/4/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[4].properties.path.type,parentSchema:schema27.oneOf[4].properties.path,data:data13};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/oneOf/4/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[4].type,parentSchema:schema27.oneOf[4],data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid0 = _errs37 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
}
const _errs43 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err52 = {instancePath,schemaPath:"#/oneOf/5/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[5].required,parentSchema:schema27.oneOf[5],data};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data.path === undefined){
const err53 = {instancePath,schemaPath:"#/oneOf/5/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema27.oneOf[5].required,parentSchema:schema27.oneOf[5],data};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
for(const key5 in data){
if(!((key5 === "source") || (key5 === "path"))){
const err54 = {instancePath,schemaPath:"#/oneOf/5/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[5],data};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.source !== undefined){
let data14 = data.source;
if("directory" !== data14){
const err55 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/5/properties/source/const",keyword:"const",params:{allowedValue: "directory"},message:"must be equal to constant",schema:"directory",parentSchema:schema27.oneOf[5].properties.source,data:data14};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.path !== undefined){
let data15 = data.path;
if(typeof data15 === "string"){
if(func3(data15) > 4096){
const err56 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/5/properties/path/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema27.oneOf[5].properties.path,data:data15};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(func3(data15) < 1){
const err57 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/5/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[5].properties.path,data:data15};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/path",schemaPath:"#/oneOf/5/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[5].properties.path.type,parentSchema:schema27.oneOf[5].properties.path,data:data15};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath,schemaPath:"#/oneOf/5/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[5].type,parentSchema:schema27.oneOf[5],data};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
var _valid0 = _errs43 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 5];
}
else {
if(_valid0){
valid0 = true;
passing0 = 5;
}
const _errs49 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err60 = {instancePath,schemaPath:"#/oneOf/6/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[6].required,parentSchema:schema27.oneOf[6],data};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data.hostPattern === undefined){
const err61 = {instancePath,schemaPath:"#/oneOf/6/required",keyword:"required",params:{missingProperty: "hostPattern"},message:"must have required property '"+"hostPattern"+"'",schema:schema27.oneOf[6].required,parentSchema:schema27.oneOf[6],data};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
for(const key6 in data){
if(!((key6 === "source") || (key6 === "hostPattern"))){
const err62 = {instancePath,schemaPath:"#/oneOf/6/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[6],data};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data.source !== undefined){
let data16 = data.source;
if("hostPattern" !== data16){
const err63 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/6/properties/source/const",keyword:"const",params:{allowedValue: "hostPattern"},message:"must be equal to constant",schema:"hostPattern",parentSchema:schema27.oneOf[6].properties.source,data:data16};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data.hostPattern !== undefined){
let data17 = data.hostPattern;
if(typeof data17 === "string"){
if(func3(data17) > 1024){
const err64 = {instancePath:instancePath+"/hostPattern",schemaPath:"#/oneOf/6/properties/hostPattern/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema27.oneOf[6].properties.hostPattern,data:data17};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(func3(data17) < 1){
const err65 = {instancePath:instancePath+"/hostPattern",schemaPath:"#/oneOf/6/properties/hostPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[6].properties.hostPattern,data:data17};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/hostPattern",schemaPath:"#/oneOf/6/properties/hostPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[6].properties.hostPattern.type,parentSchema:schema27.oneOf[6].properties.hostPattern,data:data17};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath,schemaPath:"#/oneOf/6/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[6].type,parentSchema:schema27.oneOf[6],data};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
var _valid0 = _errs49 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 6];
}
else {
if(_valid0){
valid0 = true;
passing0 = 6;
}
const _errs55 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.source === undefined){
const err68 = {instancePath,schemaPath:"#/oneOf/7/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema27.oneOf[7].required,parentSchema:schema27.oneOf[7],data};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(data.pathPattern === undefined){
const err69 = {instancePath,schemaPath:"#/oneOf/7/required",keyword:"required",params:{missingProperty: "pathPattern"},message:"must have required property '"+"pathPattern"+"'",schema:schema27.oneOf[7].required,parentSchema:schema27.oneOf[7],data};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key7 in data){
if(!((key7 === "source") || (key7 === "pathPattern"))){
const err70 = {instancePath,schemaPath:"#/oneOf/7/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[7],data};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data.source !== undefined){
let data18 = data.source;
if("pathPattern" !== data18){
const err71 = {instancePath:instancePath+"/source",schemaPath:"#/oneOf/7/properties/source/const",keyword:"const",params:{allowedValue: "pathPattern"},message:"must be equal to constant",schema:"pathPattern",parentSchema:schema27.oneOf[7].properties.source,data:data18};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data.pathPattern !== undefined){
let data19 = data.pathPattern;
if(typeof data19 === "string"){
if(func3(data19) > 1024){
const err72 = {instancePath:instancePath+"/pathPattern",schemaPath:"#/oneOf/7/properties/pathPattern/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema27.oneOf[7].properties.pathPattern,data:data19};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(func3(data19) < 1){
const err73 = {instancePath:instancePath+"/pathPattern",schemaPath:"#/oneOf/7/properties/pathPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.oneOf[7].properties.pathPattern,data:data19};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/pathPattern",schemaPath:"#/oneOf/7/properties/pathPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[7].properties.pathPattern.type,parentSchema:schema27.oneOf[7].properties.pathPattern,data:data19};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath,schemaPath:"#/oneOf/7/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[7].type,parentSchema:schema27.oneOf[7],data};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
var _valid0 = _errs55 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 7];
}
else {
if(_valid0){
valid0 = true;
passing0 = 7;
}
}
}
}
}
}
}
}
if(!valid0){
const err76 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema27.oneOf,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate26.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://mcp-warden.dev/schemas/allowlist.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.org === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.version === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.expires === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expires"},message:"must have required property '"+"expires"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.mode === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.servers === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "servers"},message:"must have required property '"+"servers"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err6 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.org !== undefined){
let data1 = data.org;
if(typeof data1 === "string"){
if(func3(data1) > 128){
const err7 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data1) < 1){
const err8 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.org.type,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err10 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 9007199254740991 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data.expires !== undefined){
let data3 = data.expires;
if(typeof data3 === "string"){
if(!(formats0.validate(data3))){
const err13 = {instancePath:instancePath+"/expires",schemaPath:"#/properties/expires/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema11.properties.expires,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/expires",schemaPath:"#/properties/expires/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.expires.type,parentSchema:schema11.properties.expires,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.mode !== undefined){
let data4 = data.mode;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.mode.type,parentSchema:schema11.properties.mode,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!((data4 === "audit") || (data4 === "enforce"))){
const err16 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema11.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.mode.enum,parentSchema:schema11.properties.mode,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.requestApproval !== undefined){
let data5 = data.requestApproval;
if(typeof data5 === "string"){
if(func3(data5) > 2000){
const err17 = {instancePath:instancePath+"/requestApproval",schemaPath:"#/properties/requestApproval/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema11.properties.requestApproval,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(func3(data5) < 1){
const err18 = {instancePath:instancePath+"/requestApproval",schemaPath:"#/properties/requestApproval/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.requestApproval,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/requestApproval",schemaPath:"#/properties/requestApproval/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.requestApproval.type,parentSchema:schema11.properties.requestApproval,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.servers !== undefined){
let data6 = data.servers;
if(Array.isArray(data6)){
if(data6.length > 5000){
const err20 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/maxItems",keyword:"maxItems",params:{limit: 5000},message:"must NOT have more than 5000 items",schema:5000,parentSchema:schema11.properties.servers,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate11(data6[i0], {instancePath:instancePath+"/servers/" + i0,parentData:data6,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.servers.type,parentSchema:schema11.properties.servers,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.deny !== undefined){
let data8 = data.deny;
if(Array.isArray(data8)){
if(data8.length > 5000){
const err22 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/maxItems",keyword:"maxItems",params:{limit: 5000},message:"must NOT have more than 5000 items",schema:5000,parentSchema:schema11.properties.deny,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
if(!(validate24(data8[i1], {instancePath:instancePath+"/deny/" + i1,parentData:data8,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err23 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.deny.type,parentSchema:schema11.properties.deny,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.marketplaces !== undefined){
let data10 = data.marketplaces;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key1 in data10){
if(!((key1 === "allowed") || (key1 === "blocked"))){
const err24 = {instancePath:instancePath+"/marketplaces",schemaPath:"#/properties/marketplaces/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.marketplaces,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.allowed !== undefined){
let data11 = data10.allowed;
if(Array.isArray(data11)){
if(data11.length > 1024){
const err25 = {instancePath:instancePath+"/marketplaces/allowed",schemaPath:"#/properties/marketplaces/properties/allowed/maxItems",keyword:"maxItems",params:{limit: 1024},message:"must NOT have more than 1024 items",schema:1024,parentSchema:schema11.properties.marketplaces.properties.allowed,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
const len2 = data11.length;
for(let i2=0; i2<len2; i2++){
if(!(validate26(data11[i2], {instancePath:instancePath+"/marketplaces/allowed/" + i2,parentData:data11,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err26 = {instancePath:instancePath+"/marketplaces/allowed",schemaPath:"#/properties/marketplaces/properties/allowed/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.marketplaces.properties.allowed.type,parentSchema:schema11.properties.marketplaces.properties.allowed,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.blocked !== undefined){
let data13 = data10.blocked;
if(Array.isArray(data13)){
if(data13.length > 1024){
const err27 = {instancePath:instancePath+"/marketplaces/blocked",schemaPath:"#/properties/marketplaces/properties/blocked/maxItems",keyword:"maxItems",params:{limit: 1024},message:"must NOT have more than 1024 items",schema:1024,parentSchema:schema11.properties.marketplaces.properties.blocked,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len3 = data13.length;
for(let i3=0; i3<len3; i3++){
if(!(validate26(data13[i3], {instancePath:instancePath+"/marketplaces/blocked/" + i3,parentData:data13,parentDataProperty:i3,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err28 = {instancePath:instancePath+"/marketplaces/blocked",schemaPath:"#/properties/marketplaces/properties/blocked/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.marketplaces.properties.blocked.type,parentSchema:schema11.properties.marketplaces.properties.blocked,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/marketplaces",schemaPath:"#/properties/marketplaces/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.marketplaces.type,parentSchema:schema11.properties.marketplaces,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.settings !== undefined){
let data15 = data.settings;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key2 in data15){
if(!((key2 === "allowManagedMcpServersOnly") || (key2 === "enableAllProjectMcpServers"))){
const err30 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.settings,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data15.allowManagedMcpServersOnly !== undefined){
let data16 = data15.allowManagedMcpServersOnly;
if(typeof data16 !== "boolean"){
const err31 = {instancePath:instancePath+"/settings/allowManagedMcpServersOnly",schemaPath:"#/properties/settings/properties/allowManagedMcpServersOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.settings.properties.allowManagedMcpServersOnly.type,parentSchema:schema11.properties.settings.properties.allowManagedMcpServersOnly,data:data16};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data15.enableAllProjectMcpServers !== undefined){
let data17 = data15.enableAllProjectMcpServers;
if(typeof data17 !== "boolean"){
const err32 = {instancePath:instancePath+"/settings/enableAllProjectMcpServers",schemaPath:"#/properties/settings/properties/enableAllProjectMcpServers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.settings.properties.enableAllProjectMcpServers.type,parentSchema:schema11.properties.settings.properties.enableAllProjectMcpServers,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/settings",schemaPath:"#/properties/settings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.settings.type,parentSchema:schema11.properties.settings,data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.sandbox !== undefined){
if(!(validate16(data.sandbox, {instancePath:instancePath+"/sandbox",parentData:data,parentDataProperty:"sandbox",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err34 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

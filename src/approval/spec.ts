// What `allowlist add` is asked to approve: `npm:NAME@VERSION`, `file:PATH` or
// `oci:IMAGE@sha256:DIGEST`. Parsing only; resolving is elsewhere. `pypi:` is refused
// with its own code: the allowlist cannot pin a PyPI package (schemas/allowlist.schema.json
// `package.registry` is `npm` only) and the judge has no way to check what uvx installed.
import { ApprovalError } from './errors';

export type PackageSpec =
  { kind: 'npm'; name: string; version?: string } | { kind: 'file'; path: string } | { kind: 'oci'; image: string; digest: string };

/** npm's own rules for a package name (lowercase, optionally scoped, URL-safe). */
export const NPM_NAME_RE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/**
 * An exact semver (no range, no tag): what a pin must be. The schema's own pattern
 * (`package.version`), so that what is accepted here is what lint accepts: numeric
 * prerelease identifiers have no leading zero.
 */
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
export const EXACT_VERSION_RE = new RegExp(
  `^(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);
const IMAGE_RE = /^[a-z0-9][a-z0-9._/:-]*$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** Why `pypi:` (and a quarantined uvx/pipx entry) cannot be approved with a pin. */
export const PYPI_UNSUPPORTED =
  'PyPI packages cannot be pinned: the allowlist pins packages from npm only (package.registry: npm), and the agent cannot ' +
  'check what uvx or pipx installed. Ship the server as a container image (oci:IMAGE@sha256:…) or as one file the fleet ' +
  'installs (file:PATH) and approve that';

function bad(message: string): never {
  throw new ApprovalError({ code: 'SPEC_INVALID', message });
}

/** `name@version` → parts; the version may be absent (resolve the latest). */
export function splitNpmSpec(s: string): { name: string; version?: string } {
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  const name = at < 0 ? s : s.slice(0, at);
  const version = at < 0 ? undefined : s.slice(at + 1);
  return { name, version };
}

export function parseSpec(raw: string): PackageSpec {
  const colon = raw.indexOf(':');
  const kind = colon < 0 ? '' : raw.slice(0, colon);
  const rest = colon < 0 ? '' : raw.slice(colon + 1);
  switch (kind) {
    case 'npm': {
      const { name, version } = splitNpmSpec(rest);
      if (!NPM_NAME_RE.test(name) || name.length > 214) bad(`"${name}" is not an npm package name`);
      if (version !== undefined && !EXACT_VERSION_RE.test(version)) {
        bad(`"${version}" is not an exact version: give one such as 1.2.3, or none for the latest (a range or tag is not a pin)`);
      }
      return { kind: 'npm', name, version };
    }
    case 'file':
      if (rest === '') bad('file: needs a path, e.g. file:/opt/tools/mcp-server');
      return { kind: 'file', path: rest };
    case 'oci': {
      const at = rest.lastIndexOf('@');
      const image = at < 0 ? rest : rest.slice(0, at);
      const digest = at < 0 ? '' : rest.slice(at + 1);
      if (!DIGEST_RE.test(digest))
        bad('oci: needs the image by digest, IMAGE@sha256:<64 hex> (a tag can move; crane digest IMAGE:TAG prints it)');
      if (!IMAGE_RE.test(image) || /:[^/]*$/.test(image.replace(/^[^/]*:\d+\//, '')))
        bad(`"${image}" must be an image repository without a tag`);
      return { kind: 'oci', image, digest };
    }
    case 'pypi':
    case 'pip':
    case 'uvx':
      throw new ApprovalError({ code: 'REGISTRY_UNSUPPORTED', message: PYPI_UNSUPPORTED });
    default:
      return bad(`"${raw}": expected npm:NAME@VERSION, file:PATH or oci:IMAGE@sha256:DIGEST`);
  }
}

// schemas/openapi.yaml must describe exactly the routes the collector serves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROUTES } from '../../../src/collector/routes';
import { REQUEST_ROUTES } from '../../../src/collector/request-routes';
import type { HttpErrorCode } from '../../../src/collector/errors';

const spec = parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'openapi.yaml'), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
};

describe('schemas/openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toBe('3.1.0');
  });

  it('lists exactly the routes the server has', () => {
    const documented = Object.entries(spec.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${p.replace('{id}', ':id')}:${m.toUpperCase()}`))
      .sort();
    expect(documented).toEqual([...Object.keys(ROUTES), ...Object.keys(REQUEST_ROUTES)].sort());
  });

  it('lists every error code', () => {
    const codes: HttpErrorCode[] = [
      'BAD_REQUEST',
      'INVALID_JSON',
      'INVALID_FILTER',
      'INVALID_CURSOR',
      'UNAUTHORIZED',
      'CREDENTIAL_UNKNOWN',
      'ENROLLMENT_REQUIRED',
      'ALREADY_ENROLLED',
      'NOT_FOUND',
      'METHOD_NOT_ALLOWED',
      'UNSUPPORTED_MEDIA_TYPE',
      'PAYLOAD_TOO_LARGE',
      'TOO_MANY_EVENTS',
      'RATE_LIMITED',
      'UNAVAILABLE',
      'INTERNAL',
    ];
    expect([...spec.components.schemas.Error.properties.error.properties.code.enum].sort()).toEqual([...codes].sort());
  });
});

import { compileSchema } from '../../../src/schema';
import { allowlistValidator } from '../../../src/policy/validators';
import { agentConfigValidator } from '../../../src/config/validator';

const schema = {
  $id: 'test://compile.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'items'],
  properties: {
    name: { type: 'string', minLength: 1 },
    mode: { type: 'string', enum: ['a', 'b'] },
    when: { type: 'string', format: 'date-time', errorMessage: 'must be an RFC 3339 date-time' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { x: { type: 'integer' }, y: { type: 'integer' } },
        allOf: [{ anyOf: [{ required: ['x'] }, { required: ['y'] }], errorMessage: 'needs x or y' }],
      },
    },
  },
};

describe('compileSchema', () => {
  const v = compileSchema<{ name: string }>(schema);

  it('returns no issues for a valid value', () => {
    expect(v.validate({ name: 'n', items: [{ x: 1 }] })).toEqual([]);
    expect(v.is({ name: 'n', items: [] })).toBe(true);
  });

  it('reports every error with a JSON path, not just the first', () => {
    const issues = v.validate({ nmae: 'n', mode: 'c', when: 'yesterday', items: [{ x: 1 }, {}, { x: 'one' }] });

    expect(issues.map((i) => i.path).sort()).toEqual(
      ['$', '$.items[1]', '$.items[2].x', '$.mode', '$.name', '$.nmae', '$.when'].filter((p) => p !== '$').sort(),
    );
    expect(issues.find((i) => i.path === '$.nmae')?.message).toBe('unknown property "nmae" (did you mean "name"?)');
    expect(issues.find((i) => i.path === '$.name')?.message).toBe('is required');
    expect(issues.find((i) => i.path === '$.when')?.message).toBe('must be an RFC 3339 date-time');
    expect(issues.find((i) => i.path === '$.mode')?.message).toBe('must be one of: "a", "b"');
    // The anyOf's own message replaces its branch errors.
    expect(issues.filter((i) => i.path === '$.items[1]').map((i) => i.message)).toEqual(['needs x or y']);
  });

  it('compiles once per schema object and shares a $id', () => {
    const again = compileSchema(schema);
    const copy = compileSchema(JSON.parse(JSON.stringify(schema)));

    expect(again.validate({})).toEqual(v.validate({}));
    expect(copy.validate({})).toEqual(v.validate({}));
  });

  it('rejects a schema with an unknown keyword (ajv strict mode)', () => {
    const bad = compileSchema({ type: 'object', propertiez: {} });

    expect(() => bad.validate({})).toThrow(/strict mode/);
  });
});

describe('precompiled validators', () => {
  it('validate the allowlist and the agent config', () => {
    expect(allowlistValidator.validate({ org: 'a', version: 1, expires: '2030-01-01T00:00:00Z', mode: 'audit', servers: [] })).toEqual([]);
    expect(
      agentConfigValidator
        .validate({ org: 'a' })
        .map((i) => i.path)
        .sort(),
    ).toEqual(['$.allowlist', '$.trust']);
  });
});

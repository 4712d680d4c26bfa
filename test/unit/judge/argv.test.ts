import { argMatches, argsMatch, commandBase, packageNameOf } from '../../../src/judge/argv';
import { integrityMatches } from '../../../src/judge/pins';
import { scriptArg } from '../../../src/judge/pinfile';

describe('argsMatch', () => {
  it.each([
    [['a', 'b'], ['a', 'b'], false, true],
    [['a', 'b'], ['a', 'b', 'c'], false, false],
    [['a', 'b'], ['a', 'b', 'c'], true, true],
    [['a', 'b'], ['a'], true, false],
    [[], [], false, true],
    [[], ['x'], true, true],
    [['{{secret:T}}'], ['v'], false, true],
    [['x{{secret:A}}y{{secret:B}}z'], ['x1y2z'], false, true],
    [['x{{secret:A}}y{{secret:B}}z'], ['xyz'], false, false],
    [['{{secret:lower_ok}}'], ['v'], false, true],
    [['{{secret:1BAD}}'], ['v'], false, false],
  ])('%j vs %j (trailing %s) → %s', (rule, args, trailing, want) => {
    expect(argsMatch(rule, args, trailing)).toBe(want);
  });

  it('escapes everything around placeholders', () => {
    expect(argMatches('(a|b)+{{secret:X}}$', '(a|b)+v$')).toBe(true);
    expect(argMatches('(a|b)+{{secret:X}}$', 'aav')).toBe(false);
  });
});

describe('packageNameOf / commandBase', () => {
  it.each([
    ['pkg', 'pkg'],
    ['pkg@1.2.3', 'pkg'],
    ['@scope/pkg', '@scope/pkg'],
    ['@scope/pkg@1.0.0', '@scope/pkg'],
  ])('%s → %s', (spec, name) => expect(packageNameOf(spec)).toBe(name));

  it.each([
    ['/usr/bin/node', 'node'],
    ['C:\\Program Files\\nodejs\\npx.cmd', 'npx'],
    ['docker.exe', 'docker'],
  ])('%s → %s', (cmd, base) => expect(commandBase(cmd)).toBe(base));
});

describe('integrityMatches', () => {
  it.each([
    ['sha512-AAA', 'sha512-AAA', true],
    ['sha512-AAA', 'sha1-zzz sha512-AAA', true],
    ['sha512-AAA', 'sha512-BBB', false],
    ['sha512-AAA sha1-x', 'sha1-x', false],
    ['sha256-AAA', 'sha512-AAA', false],
    ['garbage', 'garbage', false],
  ])('%s vs %s → %s', (pin, actual, want) => expect(integrityMatches(pin, actual)).toBe(want));
});

describe('scriptArg', () => {
  const NODE = { valueFlags: ['-r', '--require'], noFileFlags: ['-e'] };
  it.each([
    [['server.js'], 'server.js'],
    [['-r', 'ts-node/register', 'server.ts'], 'server.ts'],
    [['--inspect', 'server.js', '--port', '1'], 'server.js'],
    [['--', 'server.js'], 'server.js'],
  ])('%j → %s', (args, want) => expect(scriptArg(NODE, args)).toEqual({ arg: want }));

  it.each([[['-e', 'x']], [[]], [['--']]])('%j has no script', (args) => {
    expect(scriptArg(NODE, args)).toHaveProperty('error');
  });
});

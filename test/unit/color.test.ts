import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/io/color.js';

describe('colour decision (per stream)', () => {
  it.each([
    ['on', false, {}, true],
    ['off', true, {}, false],
    ['auto', true, {}, true],
    ['auto', false, {}, false],
    ['auto', true, { NO_COLOR: '1' }, false],
    ['auto', true, { NO_COLOR: '' }, true],
    ['auto', true, { FORCE_COLOR: '0' }, false],
    ['auto', false, { FORCE_COLOR: '1' }, true],
    ['auto', true, { TERM: 'dumb' }, false],
    ['on', true, { NO_COLOR: '1' }, true],
  ] as const)('--color %s, TTY %s, env %j → %s', (mode, tty, env, expected) => {
    expect(colorEnabled(mode, tty, env as NodeJS.ProcessEnv)).toBe(expected);
  });
});

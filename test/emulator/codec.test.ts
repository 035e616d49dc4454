// The state file's JSON: toDiskJson must write exactly what JSON.stringify(value, encodeDates)
// writes (files from either must load the same), and read back with fromDiskJson to the value.
import { describe, expect, it } from 'vitest';
import { encodeDates, fromDiskJson, toDiskJson } from '../../src/emulator/codec.js';

/** Deterministic values of the kinds the state holds, and a few it never should. */
function generate(seed: number, depth = 0): unknown {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const leaf = (): unknown => {
    const pick = Math.floor(next() * 12);
    return [
      'text',
      'quote " backslash \\ newline \n tab \t é ☃ \u0001',
      42,
      -0.5,
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      null,
      undefined,
      new Date(Date.UTC(2026, 10, 29, 12, 0, 0, 123)),
      '',
    ][pick];
  };
  if (depth > 3 || next() < 0.3) return leaf();
  if (next() < 0.35) return Array.from({ length: Math.floor(next() * 4) }, (_, i) => generate(seed * 31 + i, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(next() * 5); i++) out[['a', 'B', '10', '2', 'key with space', '$date', '__x'][i]!] = generate(seed * 17 + i, depth + 1);
  return out;
}

describe('toDiskJson', () => {
  it('writes what JSON.stringify with the Date replacer writes, on 3,000 generated values', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const value = generate(seed);
      expect(toDiskJson(value), JSON.stringify(value, encodeDates)).toBe(JSON.stringify(value, encodeDates) ?? 'null');
    }
  });

  it('round-trips Dates through fromDiskJson', () => {
    const at = new Date('2026-11-29T12:00:00.123Z');
    const value = { users: { u1: { Name: 'a', CreatedTimestamp: at, Tags: [{ Key: 'k', Value: 'v' }] } }, list: [at, 1, 'x'] };
    expect(fromDiskJson(toDiskJson(value))).toEqual(value);
  });

  it('hands values JSON.stringify treats specially to it (toJSON, Maps, holes)', () => {
    const special = { toJSON: () => ({ replaced: new Date(0) }) };
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    for (const value of [special, new Map([['a', 1]]), holes, { nested: special }, undefined]) {
      expect(toDiskJson(value)).toBe(JSON.stringify(value, encodeDates) ?? 'null');
    }
  });
});

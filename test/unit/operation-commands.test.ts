// Every operation of the three services is reachable, through exactly one command (the commands
// declare what they call: src/commands/verb.ts `handles`).
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { OPERATIONS } from '../../src/aws/operations.gen.js';
import { operationsOf } from '../../src/commands/verb.js';

/** Operations that two commands share on purpose, with the reason. */
const SHARED: Record<string, string> = {
  // `retention disable` is PutAppInstanceRetentionSettings without a retention period.
  'identity.PutAppInstanceRetentionSettings': 'retention set | retention disable',
};

async function commandsByOperation(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const visit = (cmd: Command, path: string) => {
    for (const op of operationsOf(cmd)) found.set(op, [...(found.get(op) ?? []), path]);
    for (const sub of cmd.commands) visit(sub, `${path} ${sub.name()}`.trim());
  };
  visit(await buildProgram(), '');
  return found;
}

describe('operations and commands', () => {
  const all = Object.entries(OPERATIONS).flatMap(([service, ops]) => Object.keys(ops).map((op) => `${service}.${op}`));

  it('the table holds the 98 operations of the three services', () => {
    expect(all).toHaveLength(98);
  });

  it('every operation has exactly one command', async () => {
    const found = await commandsByOperation();
    const missing = all.filter((op) => !found.has(op));
    const several = [...found]
      .filter(([op, paths]) => paths.length > 1 && SHARED[op] !== paths.join(' | '))
      .map(([op, paths]) => `${op}: ${paths.join(' | ')}`);
    expect({ missing, several }).toEqual({ missing: [], several: [] });
  });
});

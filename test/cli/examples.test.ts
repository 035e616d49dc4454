// The `Examples:` of every command's help run against the emulator, so they cannot rot: each
// must parse and be configured (no 252/253/255). Each read that works is also held to the output
// contract: `--query` runs on the API's response and `-o id` prints values of that response. They run in the order help lists them, in a
// world where the names they use exist; a service error (254) is accepted, since one example may
// delete what the next one reads, but most must succeed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { factsOf } from '../../src/aws/clients.js';
import { examplesOf, operationsOf } from '../../src/commands/verb.js';
import { cliEnv, type CliEnv } from './harness.js';

/** Splits a command line like a shell does for these examples (quotes, no expansion). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Examples by group, in the order help lists them. */
function examplesByGroup(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (cmd: Command, group: string) => {
    if (examplesOf(cmd).length) found.set(group, [...(found.get(group) ?? []), ...examplesOf(cmd)]);
    for (const sub of cmd.commands) visit(sub, group || sub.name());
  };
  visit(program, '');
  return found;
}

// Shell pipelines and placeholders a reader fills in cannot run as they are; long-running
// commands (tail, emulator) are exercised by their own tests.
const runnable = (line: string) =>
  line.startsWith('chatctl ') && !/[|$]|\.\.\.|[A-Z]{2,}_[A-Z]{2,}|\b(tail|emulator|completion)\b/.test(line);

/** A fresh emulator with the names the examples use: app instance demo (the default), users,
 * admins, a channel `general` with members, a room `lobby`. */
async function world(): Promise<CliEnv> {
  const e = await cliEnv();
  const setup = async (...args: string[]) => {
    const r = await e.run(args);
    if (r.code !== 0) throw new Error(`setup ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  e.env.CHATCTL_APP_INSTANCE = await setup('app-instance', 'create', 'demo', '-o', 'id');
  for (const id of ['alice', 'bob', 'admin', 'admin1', 'mallory']) await setup('user', 'create', id, '--name', id);
  await setup('admin', 'add', 'admin');
  await setup('admin', 'add', 'admin1');
  await setup('channel', 'create', 'general', '--id', 'general', '--as', 'admin');
  await setup('membership', 'add', 'general', 'alice', 'bob', 'mallory', '--as', 'admin');
  await setup('room', 'create', 'lobby');
  return e;
}

const program = await buildProgram();

/** The command an argv names (group, verb...), or undefined. */
function leafOf(argv: string[]): Command | undefined {
  let cmd: Command = program;
  for (const word of argv) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) break;
    cmd = next;
  }
  return cmd === program ? undefined : cmd;
}

const isRead = (argv: string[]) => {
  const ops = operationsOf(leafOf(argv) ?? program);
  return ops.length > 0 && ops.every((op) => !factsOf(op.split('.')[0] as 'identity', op.split('.')[1]!).writes);
};

/** For a read that worked: `--query` runs on the API's response (`@` is the same document as
 * -o json), and every line `-o id` prints is a value of that response. */
async function readContract(e: CliEnv, argv: string[]): Promise<string[]> {
  const plain = argv.filter((w, i) => !(w === '-o' || argv[i - 1] === '-o'));
  const json = await e.run([...plain, '-o', 'json']);
  const queried = await e.run([...plain, '-o', 'json', '--query', '@']);
  const ids = await e.run([...plain, '-o', 'id']);
  const problems: string[] = [];
  const line = `chatctl ${argv.join(' ')}`;
  if (json.code !== 0 || queried.code !== 0 || ids.code !== 0) return [`${line}: -o json/--query/-o id did not all succeed`];
  if (JSON.stringify(queried.json()) !== JSON.stringify(json.json())) problems.push(`${line}: --query @ differs from -o json`);
  const values = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') values.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(json.json());
  // Settings of an app instance (retention, streaming) answer without its ARN; -o id names it.
  values.add(e.env.CHATCTL_APP_INSTANCE!);
  const stray = ids.stdout.split('\n').filter((id) => id && !values.has(id));
  if (stray.length) problems.push(`${line}: -o id printed ${stray.join(', ')}, not in the response`);
  return problems;
}

const cwd = process.cwd();
beforeAll(() => {
  // Files the examples name (members.txt, notes.md...) live in a scratch directory.
  const dir = mkdtempSync(join(tmpdir(), 'chatctl-examples-'));
  writeFileSync(join(dir, 'members.txt'), 'alice\nbob\n');
  writeFileSync(join(dir, 'leavers.txt'), 'bob\n');
  writeFileSync(join(dir, 'notes.md'), '# notes\n');
  process.chdir(dir);
});
afterAll(() => process.chdir(cwd));

const tally = { ran: 0, succeeded: 0 };

describe('help examples', () => {
  const groups = examplesByGroup();
  const all = [...groups.values()].flat();

  it('there are examples, and most of them can run here', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(runnable).length / all.length).toBeGreaterThan(0.8);
  });

  it.each([...groups].map(([group, lines]) => [group, lines.filter(runnable)] as const))(
    '%s examples parse, are configured, and most succeed',
    async (_group, lines) => {
      const e = await world();
      try {
        const failures: string[] = [];
        let succeeded = 0;
        for (const line of lines) {
          const r = await e.run(words(line).slice(1), { stdin: '' });
          const error = r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';
          if (r.code === 0) {
            succeeded++;
            if (isRead(words(line).slice(1))) failures.push(...(await readContract(e, words(line).slice(1))));
          }
          // The service's answers (254, or 1 for some of several items) depend on what earlier
          // examples did; a destructive example refuses without a terminal, as documented.
          else if (r.code !== 254 && r.code !== 1 && !/refusing to .* without confirmation/.test(error)) {
            failures.push(`${line}\n  exit ${r.code}: ${error}`);
          }
        }
        expect(failures).toEqual([]);
        tally.ran += lines.length;
        tally.succeeded += succeeded;
      } finally {
        await e.close();
      }
    },
  );

  it('most examples succeed outright', () => {
    expect(tally.ran).toBeGreaterThan(100);
    expect(tally.succeeded / tally.ran, `${tally.succeeded} of ${tally.ran}`).toBeGreaterThan(0.6);
  });
});

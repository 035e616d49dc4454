// The `Examples:` of every command's help run against the emulator, so they cannot rot: each
// must parse and be configured (no 252/253/255). They run in the order help lists them, in a
// world where the names they use exist; a service error (254) is accepted, since one example may
// delete what the next one reads, but most must succeed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { examplesOf } from '../../src/commands/verb.js';
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
  visit(buildProgram(), '');
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
          if (r.code === 0) succeeded++;
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

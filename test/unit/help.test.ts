// `chatctl help ...` works like --help, and every command's help points at the global flags.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, run } from '../../src/cli.js';
import { testIO } from '../../src/io/streams.js';

async function chatctl(...argv: string[]) {
  const io = testIO();
  const code = await run(argv, { io, env: {} });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('the help command', () => {
  for (const [asHelpCommand, asFlag] of [
    [['help'], ['--help']],
    [['help', 'user'], ['user', '--help']],
    [['user', 'help', 'list'], ['user', 'list', '--help']],
    [['help', 'user', 'list'], ['user', 'list', '--help']],
  ]) {
    it(`chatctl ${asHelpCommand.join(' ')} prints what ${asFlag.join(' ')} prints, exit 0`, async () => {
      const viaCommand = await chatctl(...asHelpCommand);
      const viaFlag = await chatctl(...asFlag);
      expect(viaCommand.code).toBe(0);
      expect(viaCommand.stderr).toBe('');
      expect(viaCommand.stdout).toBe(viaFlag.stdout);
      expect(viaCommand.stdout).toContain('Usage: chatctl');
    });
  }

  it('an unknown name is a usage error with one error line', async () => {
    for (const argv of [['help', 'nosuch'], ['user', 'help', 'nosuch']]) {
      const r = await chatctl(...argv);
      expect(r.code).toBe(252);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe("error: unknown command 'nosuch'");
      expect(r.stderr).not.toContain('Usage:');
    }
  });
});

describe('every command help', () => {
  const all = (cmd: Command, path: string[] = []): string[][] => cmd.commands.flatMap((c) => [[...path, c.name()], ...all(c, [...path, c.name()])]);

  it("ends with a pointer to the global flags in 'chatctl --help'", async () => {
    const paths = all(await buildProgram());
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const r = await chatctl(...path, '--help');
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout.trimEnd().split('\n').pop(), path.join(' ')).toContain("see 'chatctl --help'");
    }
  });

  it('marks required options as required, and every command that calls the API has examples', async () => {
    const { examplesOf, operationsOf } = await import('../../src/commands/verb.js');
    const leaves: Command[] = [];
    const visit = (cmd: Command) => (cmd.commands.length ? cmd.commands.forEach(visit) : leaves.push(cmd));
    visit(await buildProgram());
    const unmarked = leaves.flatMap((c) => c.options.filter((o) => o.mandatory && !o.description.endsWith('(required)')).map((o) => `${c.name()} ${o.long}`));
    expect(unmarked).toEqual([]);
    expect(leaves.some((c) => c.options.some((o) => o.mandatory))).toBe(true);
    const withoutExamples = leaves.filter((c) => operationsOf(c).length && !examplesOf(c).length).map((c) => `${c.parent?.name()} ${c.name()}`);
    expect(withoutExamples).toEqual([]);
  });

  it('the root help lists the global flags itself', async () => {
    const r = await chatctl('--help');
    expect(r.stdout).toContain('--cli-read-timeout');
    expect(r.stdout).not.toContain("see 'chatctl --help'");
  });
});

// The checked-in completion scripts must match what `chatctl completion <shell>` generates
// from the current command tree, and the bash one must actually complete: groups, verbs,
// flags, enum values, fixed positional choices, and live identifiers from `chatctl __complete`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { SHELLS } from '../../src/commands/completion/generate.js';

const root = new URL('../..', import.meta.url);
const file = (shell: string) => readFileSync(new URL(`completions/chatctl.${shell}`, root), 'utf8');
const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';

/** Completes `line` (the cursor at its end) with completions/chatctl.bash. `chatctl` itself is
 * a stub that logs its arguments and prints `live` (the live identifiers). */
function complete(line: string, live: string[] = []) {
  const script = `
    source completions/chatctl.bash
    chatctl() { printf '%s\\n' "$*" >> "$LOG"; printf '%s\\n' ${live.map((l) => `'${l}'`).join(' ')}; }
    COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
    COMP_WORDS=($COMP_LINE); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
    _chatctl
    printf '%s\\n' "\${COMPREPLY[@]}"`;
  const log = `/tmp/chatctl-completion-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: root, env: { ...process.env, LOG: log } });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    // not called
  }
  return { words: r.stdout.split('\n').filter(Boolean), calls, stderr: r.stderr };
}

describe('completion scripts', () => {
  for (const shell of Object.keys(SHELLS) as Array<keyof typeof SHELLS>) {
    it(`completions/chatctl.${shell} is current (regenerate: chatctl completion ${shell} > completions/chatctl.${shell})`, async () => {
      expect(file(shell)).toBe(SHELLS[shell](await buildProgram()));
    });
  }

  it('bash completes groups, verbs, flags and enum values', () => {
    expect(complete('chatctl ap').words).toEqual(['app-instance']);
    expect(complete('chatctl --local user endpoint de').words).toEqual(['deregister']);
    expect(complete('chatctl room create --max-').words).toEqual(expect.arrayContaining(['--max-length', '--max-rate']));
    expect(complete('chatctl user list -o j').words).toEqual(['json', 'jsonl']);
  });

  it('bash offers the shells after completion and the keys after config set', () => {
    expect(complete('chatctl completion ').words).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('chatctl config set ').words).toEqual(['region', 'endpoint-url', 'app-instance', 'as', 'output', 'color']);
    expect(complete('chatctl config set region ').words).toEqual([]);
  });

  it('bash offers commands after help', () => {
    const groups = complete('chatctl ').words;
    expect(groups).toContain('help');
    expect(complete('chatctl help ').words).toEqual(groups.filter((g) => g !== 'help'));
    expect(complete('chatctl user help ').words).toEqual(complete('chatctl user ').words.filter((v) => v !== 'help'));
  });

  it('a global flag with a value before the group does not shift the words', () => {
    const verbs = complete('chatctl user ').words;
    expect(verbs).toContain('list');
    expect(complete('chatctl --profile p user ').words).toEqual(verbs);
    // Even when the value is itself a group's name.
    expect(complete('chatctl --profile user --region eu-west-1 user ').words).toEqual(verbs);
    expect(complete('chatctl --profile user ').words).toEqual(complete('chatctl ').words);
    expect(complete('chatctl -o json user ').words).toEqual(verbs);
  });

  it('positional identifiers come from chatctl __complete, with the global flags typed so far', () => {
    const r = complete(`chatctl --profile p --app-instance ${APP} -o json user get `, ['alice', 'bob']);
    expect(r.words).toEqual(['alice', 'bob']);
    expect(r.calls).toEqual([`--profile p --app-instance ${APP} __complete users`]);
    expect(complete('chatctl --local room get ', ['lobby']).calls).toEqual(['--local __complete rooms']);
  });

  it('only the positional that names a resource asks for identifiers', () => {
    const second = complete('chatctl user endpoint get alice ', ['nope']);
    expect([second.words, second.calls]).toEqual([[], []]);
    // A variadic identifier argument completes at every position.
    expect(complete('chatctl user delete alice ', ['bob']).words).toEqual(['bob']);
  });

  it('ARNs complete although bash splits words at colons', () => {
    const arns = [APP, 'arn:aws:chime:us-east-1:123456789012:app-instance/xyz'];
    const r = complete('chatctl app-instance get arn:aws:chime:us-east-1:123456789012:app-instance/a', arns);
    // bash replaces the part after the last ':' only, so that is what COMPREPLY holds.
    expect(r.words).toEqual(['app-instance/abc']);
  });

  const installed = (shell: string) => spawnSync(shell, ['--version']).status === 0;

  it.skipIf(!installed('zsh'))('zsh runs the same word logic (arrays from 1, no =word expansion)', () => {
    const candidates = (...words: string[]) =>
      spawnSync('zsh', ['-f', '-c', `source completions/chatctl.zsh 2>/dev/null; chatctl() { print -r -- "args:$*"; }; _chatctl_candidates "$@"`, 'zsh', ...words], {
        encoding: 'utf8',
        cwd: root,
      }).stdout.trim();
    expect(candidates('', 'completion')).toBe('bash zsh fish');
    expect(candidates('', '--profile', 'p', 'user')).toBe(complete('chatctl user ').words.join(' '));
    expect(candidates('', '--local', '--app-instance', APP, 'user', 'get')).toBe(`args:--local --app-instance ${APP} __complete users`);
  });

  it.skipIf(!installed('fish'))('fish completes shells, config keys, verbs after a flag value and live identifiers', () => {
    const fish = (line: string) =>
      spawnSync('fish', ['-c', `source completions/chatctl.fish; function chatctl; echo "args:$argv"; end; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8', cwd: root })
        .stdout.trim()
        .split('\n');
    expect(fish('chatctl completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(fish('chatctl config set ')).toEqual(expect.arrayContaining(['region', 'app-instance']));
    expect(fish('chatctl --profile p user ')).toEqual(expect.arrayContaining(['create', 'list', 'endpoint']));
    expect(fish(`chatctl --profile p --app-instance ${APP} user get `)).toEqual([`args:--profile p --app-instance ${APP} __complete users`]);
  });
});

describe('a run declares only what its command line needs', () => {
  it('`chatctl completion bash` still prints the script of the whole tree', async () => {
    const { run } = await import('../../src/cli.js');
    const { testIO } = await import('../../src/io/streams.js');
    const io = testIO();
    expect(await run(['completion', 'bash'], { io, env: {} })).toBe(0);
    expect(io.stdout()).toBe(SHELLS.bash(await buildProgram()));
  });

  it('`chatctl --help` lists every group without declaring their verbs; a named group gets its verbs', async () => {
    const summary = await buildProgram(undefined, ['--help']);
    const full = await buildProgram();
    expect(summary.commands.map((c) => c.name())).toEqual(full.commands.map((c) => c.name()));
    expect(summary.commands.find((c) => c.name() === 'user')!.commands).toEqual([]);
    const user = (await buildProgram(undefined, ['--profile', 'p', 'help', 'user', 'list'])).commands.find((c) => c.name() === 'user')!;
    expect(user.commands.map((c) => c.name())).toContain('list');
  });
});

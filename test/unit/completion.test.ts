// The checked-in completion scripts must match what `chatctl completion <shell>` generates
// from the current command tree, and the bash one must actually complete.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { SHELLS } from '../../src/commands/completion/generate.js';

const file = (shell: string) => readFileSync(new URL(`../../completions/chatctl.${shell}`, import.meta.url), 'utf8');

describe('completion scripts', () => {
  for (const shell of Object.keys(SHELLS) as Array<keyof typeof SHELLS>) {
    it(`completions/chatctl.${shell} is current (regenerate: chatctl completion ${shell} > completions/chatctl.${shell})`, () => {
      expect(file(shell)).toBe(SHELLS[shell](buildProgram()));
    });
  }

  it('bash completes groups, verbs, flags and enum values', () => {
    const complete = (...words: string[]) => {
      const script = `source completions/chatctl.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _chatctl; echo "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: new URL('../..', import.meta.url) }).stdout.trim().split(' ');
    };
    expect(complete('chatctl', 'ap')).toEqual(['app-instance']);
    expect(complete('chatctl', '--local', 'user', 'endpoint', 'de')).toEqual(['deregister']);
    expect(complete('chatctl', 'room', 'create', '--max-')).toEqual(expect.arrayContaining(['--max-length', '--max-rate']));
    expect(complete('chatctl', 'user', 'list', '-o', 'j')).toEqual(['json', 'jsonl']);
  });
});

// Flag values as the AWS CLI reads them: `file://PATH` is the file's text, `fileb://PATH` its
// bytes, and `-` is standard input. One mechanism for every value flag: each option's parser
// is wrapped (src/cli.ts, configureTree), so the contents go through the flag's own checks
// (numbers, choices, KEY=VALUE) as if typed. None of the three APIs takes a blob member, so
// fileb:// yields the bytes as UTF-8 text, like file://. A path may start with ~, as in the
// AWS CLI; a relative one is from the current directory.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Option } from 'commander';
import { usageError } from './errors.js';

/** Standard input can be read once per run: which flag took it, and how to read it. */
export interface Stdin {
  takenBy?: string;
  read(): string;
}

export const processStdin = (): Stdin => ({ read: () => readFileSync(0, 'utf8') });

/** The value a flag gets for what was typed: file contents, stdin, or the text itself. */
export function flagValue(typed: string, flag: string, stdin: Stdin): string {
  if (typed === '-') {
    if (stdin.takenBy) throw usageError(`${flag} -: standard input was already read for ${stdin.takenBy}`, 'pass one of them from a file (file://PATH)');
    stdin.takenBy = flag;
    return stdin.read();
  }
  const match = /^(fileb?):\/\/(.+)$/s.exec(typed);
  if (!match) return typed;
  const path = resolve(match[2].replace(/^~(?=$|\/)/, homedir()));
  try {
    return readFileSync(path).toString('utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : (e.message.replace(/^\w+: |,.*$/g, '') + (e.code ? ` (${e.code})` : ''));
    throw usageError(`${flag}: cannot read ${typed} (${path}): ${reason}`);
  }
}

/** The text of a path a command reads itself (`--from-file F`, `--file F`): the file, or standard
 * input for `-`. A file that cannot be read is a usage error naming the flag. */
export async function readPathArg(io: { readStdin(): Promise<string> }, flag: string, path: string): Promise<string> {
  if (path === '-') return io.readStdin();
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

const namesAFile = new WeakSet<Option>();

/** Marks an option whose value is a path or `-` that its command reads itself (`--from-file`,
 * `--file`): the value is kept as typed, since there `-` and a path are the point. */
export function pathOption(option: Option): Option {
  namesAFile.add(option);
  return option;
}

/** Makes an option accept file://, fileb:// and - (variadic options keep commander's own
 * accumulation and are left alone; none is declared today). */
export function acceptFileValues(option: Option, stdin: Stdin): void {
  if (namesAFile.has(option) || option.variadic || (!option.required && !option.optional)) return;
  const parse = option.parseArg as ((value: string, previous: unknown) => unknown) | undefined;
  const flag = option.long ?? option.short ?? option.flags;
  option.argParser((typed: string, previous: unknown) => {
    const value = flagValue(typed, flag, stdin);
    return parse ? parse(value, previous) : value;
  });
}

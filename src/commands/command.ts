// Helpers every verb module uses to declare itself: the action wrapper that builds deps
// lazily and calls run(opts, deps), and shared flag groups and value parsers. Nothing here
// imports the AWS SDK or ws.
import { Command, InvalidArgumentError } from 'commander';
import type { Deps } from './deps.js';
import type { IO } from '../io/streams.js';

/** A verb's behaviour; it may return an exit code (1 partial failure, 124 timeout...). */
export type Run<O> = (opts: O, deps: Deps) => Promise<number | void>;

/** What one invocation of the CLI runs with: injected IO and environment (tests run the CLI
 * in-process with buffers), and the exit code a verb asked for. Kept per root program. */
export interface RunContext {
  io?: IO;
  env: NodeJS.ProcessEnv;
  exitCode?: number;
}

const contexts = new WeakMap<Command, RunContext>();

export function setRunContext(program: Command, context: RunContext): void {
  contexts.set(program, context);
}

export function runContextOf(cmd: Command): RunContext {
  let root = cmd;
  while (root.parent) root = root.parent;
  return contexts.get(root) ?? { env: process.env };
}

export interface RunsOptions {
  /** The verb works inside the default app instance (--app-instance / env / config): a name or
   * id given there is resolved to its ARN before the verb runs, so deps.app() stays a plain
   * lookup. Left out for verbs that never use it (IVS Chat, config, emulator): a default they
   * ignore must cost no call and cannot fail them. */
  inAppInstance?: boolean;
}

/** The commander action for a verb: map positionals + flags to the verb's options, build
 * deps (lazily imported, so --help never loads them), run, then print the dry-run plan. */
export function runs<O>(run: Run<O>, toOpts: (args: any[], flags: any) => O, options: RunsOptions = {}) {
  return async (...params: any[]) => {
    const cmd = params[params.length - 1] as Command;
    const flags = params[params.length - 2];
    const args = params.slice(0, -2);
    const context = runContextOf(cmd);
    const { createDeps, finish } = await import('./deps.js');
    const deps = createDeps(cmd.optsWithGlobals(), context.env, context.io);
    if (options.inAppInstance) {
      const { resolveDefaultAppInstance } = await import('../context/chime-resolve.js');
      await resolveDefaultAppInstance(deps);
    }
    const code = await run(toOpts(args, flags), deps);
    finish(deps);
    if (code) context.exitCode = code;
  };
}

export interface PagingFlags {
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
  paginate?: boolean;
}

export const paging = (f: PagingFlags) => ({
  maxItems: f.maxItems,
  pageSize: f.pageSize,
  startingToken: f.startingToken,
  paginate: f.paginate,
});

/** An integer option in [min, max]; out of range is a usage error (252) before any call. */
export function intArg(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string) => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`'${value}' is not a whole number.`);
    const n = Number(value);
    if (n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}.` : `must be from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Repeatable K=V flag (tags, attributes). */
export function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`'${value}' is not KEY=VALUE.`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** Repeatable flag collecting values in order. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** K=V pairs as the Chime Tags list. */
export const chimeTags = (tags: Record<string, string> | undefined) =>
  tags && Object.keys(tags).length ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined;

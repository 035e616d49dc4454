import { CliError } from '../io/errors.js';
import type { Deps } from './deps.js';

export const isNotFound = (err: unknown) =>
  err instanceof CliError && /NotFound/.test(err.code ?? '');

export const isConflict = (err: unknown) => err instanceof CliError && /Conflict/.test(err.code ?? '');

/** The result of a lookup, or undefined when the service says it does not exist. */
export async function findOrUndefined<T>(lookup: () => Promise<T>): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** --ignore-not-found: a missing resource is an idempotent no-op (exit 0), noted on stderr. */
export async function ignoringNotFound(enabled: boolean | undefined, deps: Deps, what: string, action: () => Promise<void>) {
  try {
    await action();
  } catch (err) {
    if (!enabled || !isNotFound(err)) throw err;
    deps.warn(`${what} not found; nothing to do`);
  }
}

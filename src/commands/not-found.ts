import { CliError } from '../io/errors.js';

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

import { CliError } from '../io/errors.js';
import type { Deps } from './deps.js';

export const isNotFound = (err: unknown) =>
  err instanceof CliError && /NotFound/.test(err.code ?? '');

/** --ignore-not-found: a missing resource is an idempotent no-op (exit 0), noted on stderr. */
export async function ignoringNotFound(enabled: boolean | undefined, deps: Deps, what: string, action: () => Promise<void>) {
  try {
    await action();
  } catch (err) {
    if (!enabled || !isNotFound(err)) throw err;
    deps.warn(`${what} not found; nothing to do`);
  }
}

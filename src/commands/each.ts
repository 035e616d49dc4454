// Verbs that take several ids (`user delete u10 u11`): each target is tried in turn, each
// outcome reported, and the run ends with exit 1 when some failed (the documented partial-
// failure code). With one target, its error is the command's error as usual.
import { ExitCode, isServiceError } from '../io/errors.js';
import type { Deps } from './deps.js';
import { isNotFound } from './not-found.js';

export async function eachTarget(
  deps: Deps,
  targets: string[],
  label: (target: string) => string,
  noun: string,
  ignoreNotFound: boolean | undefined,
  action: (target: string) => Promise<void>,
): Promise<number> {
  let failed = 0;
  for (const target of targets) {
    try {
      await action(target);
    } catch (err) {
      if (ignoreNotFound && isNotFound(err)) {
        deps.warn(`${noun} ${label(target)} not found; nothing to do`);
        continue;
      }
      // Only the service's answers are per-item failures; a usage or network error stops all.
      if (targets.length === 1 || !isServiceError(err)) throw err;
      failed++;
      deps.io.err(`${deps.io.errColor.red('✗')} ${noun} ${label(target)}: ${err.message}\n`);
    }
  }
  if (failed) {
    deps.io.err(`error: ${failed} of ${targets.length} ${noun}s failed\n`);
    return ExitCode.partial;
  }
  return ExitCode.ok;
}

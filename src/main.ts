// Entry point of the bundle: run the CLI, exit with its code. Signals and a closed stdout
// (| head) end the process the way shells and the AWS CLI do.
import { run } from './cli.js';
import { ExitCode } from './io/errors.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(ExitCode.ok);
  throw err;
});
// Long-running commands (tail, emulator) install their own handlers to close cleanly first.
process.once('SIGINT', () => process.listenerCount('SIGINT') === 0 && process.exit(ExitCode.sigint));
process.once('SIGTERM', () => process.listenerCount('SIGTERM') === 0 && process.exit(ExitCode.sigterm));

// No top-level await: the bundle is CommonJS (see scripts/build.mjs).
void run(process.argv.slice(2)).then((code) => process.exit(code));

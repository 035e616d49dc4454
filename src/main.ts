// Entry point of the bundle: run the CLI, exit with its code. Signals and a closed stdout
// (| head) end the process the way shells and the AWS CLI do.
import { run } from './cli.js';
import { ExitCode } from './io/errors.js';
import { useSourceMaps } from './io/stack-trace.js';
import { onStdoutError, stdoutFlushed } from './io/streams.js';

const argv = process.argv.slice(2);
// Only --debug prints stack traces; only then are they worth mapping back to src/.
if (argv.includes('--debug') || !['', '0', 'false', undefined].includes(process.env.CHATCTL_DEBUG)) useSourceMaps();
onStdoutError(process.stdout, process.stderr);
// Long-running commands (tail, emulator) install their own handlers to close cleanly first.
process.once('SIGINT', () => process.listenerCount('SIGINT') === 0 && process.exit(ExitCode.sigint));
process.once('SIGTERM', () => process.listenerCount('SIGTERM') === 0 && process.exit(ExitCode.sigterm));

// No top-level await: the bundle is CommonJS (see scripts/build.mjs).
// A failed write reports itself a tick after write() returns, so wait for stdout before exiting:
// otherwise `-o json > /dev/full` would exit 0 having written nothing.
void run(argv)
  .then(async (code) => {
    await stdoutFlushed(process.stdout);
    return code;
  })
  .then((code) => process.exit(code));

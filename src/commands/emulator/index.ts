// `chatctl emulator start`: the local emulator of Chime SDK identity, Chime SDK messaging and
// IVS Chat on one loopback port. The server code loads only here.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { intArg, runs } from '../command.js';
import { withExamples } from '../verb.js';
import type { Deps } from '../deps.js';
import { configError, ExitCode, usageError } from '../../io/errors.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../context/settings.js';
import { DEFAULT_ACCOUNT, DEFAULT_HOST, DEFAULT_PORT } from '../../emulator/defaults.js';

export interface StartOptions {
  host: string;
  port: number;
  state?: string;
  account: string;
  tls?: boolean;
}

export function register(group: Command): void {
  const startCommand = group
    .command('start')
    .description('Serve the emulator until interrupted; prints its endpoint and credentials')
    .option('--host <address>', 'address to listen on', DEFAULT_HOST)
    .option('--port <n>', 'port (0 picks a free one)', intArg(0, 65535), DEFAULT_PORT)
    .option('--state <file>', 'keep state in this file across restarts (every acknowledged write is on disk)')
    .option('--account <id>', 'account id in ARNs (12 digits)', accountArg, DEFAULT_ACCOUNT)
    .option('--tls', 'serve HTTPS and WSS with a generated local CA (kept beside --state, else in a temp directory)')
    .addHelpText('after', '\nThe global --region sets the region in ARNs and signatures (default us-east-1).');
  withExamples(startCommand, ['chatctl emulator start', 'chatctl emulator start --port 0 --state ./chat-state.json', 'chatctl emulator start --tls'])
    .action(runs(start, (_, f) => f));
}

export async function start(opts: StartOptions, deps: Deps): Promise<void> {
  // The global --region names the emulator's region only when given as a flag: an AWS_REGION
  // in the environment must not move the emulator away from what --local signs for.
  const region = deps.settings.sources.region?.source === 'flag' ? deps.settings.region! : LOCAL_REGION;
  const { startEmulator, checkRegion, isLoopback, StateFileError } = await import('../../emulator/server.js');
  try {
    checkRegion(region);
  } catch (err) {
    throw usageError(`--region: ${(err as Error).message}`);
  }
  // amazon-chime-sdk-js dials only wss://: --tls lets stock apps connect, trusting our CA.
  const tls = opts.tls ? await tlsMaterial(opts) : undefined;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      host: opts.host,
      port: opts.port,
      statePath: opts.state,
      account: opts.account,
      region: region,
      accessKeyId: LOCAL_CREDENTIALS.accessKeyId,
      secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
      log: deps.settings.quiet ? undefined : (line) => deps.io.err(line + '\n'),
      debug: deps.settings.debug,
      tls: tls && { cert: tls.cert, key: tls.key },
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw configError(`port ${opts.port} on ${opts.host} is already in use; use --port 0 to pick a free port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw configError(`cannot listen on ${opts.host} port ${opts.port}: ${(err as Error).message}`);
    }
    if (err instanceof StateFileError) throw configError((err as Error).message);
    throw err;
  }
  if (!isLoopback(opts.host)) {
    // Printed even with --quiet: the test credentials are public, so is everything it serves.
    deps.io.err(
      `warning: listening on ${opts.host}, not only this machine: anyone who can reach it can use the emulator, ` +
        `its credentials are public (printed by every chatctl emulator)\n`,
    );
  }
  const info = {
    Endpoint: emulator.url,
    Region: region,
    AccessKeyId: LOCAL_CREDENTIALS.accessKeyId,
    SecretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
    Account: opts.account,
    StateFile: opts.state ?? null,
    ...(tls ? { CaBundle: tls.caPath } : {}),
  };
  if (deps.settings.output === 'json' || deps.settings.output === 'jsonl') {
    deps.io.out(JSON.stringify(info, null, deps.settings.output === 'json' ? 2 : 0) + '\n');
  } else {
    deps.io.out(
      [
        `export AWS_ENDPOINT_URL=${info.Endpoint}`,
        `export AWS_REGION=${info.Region}`,
        `export AWS_ACCESS_KEY_ID=${info.AccessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${info.SecretAccessKey}`,
        ...(tls ? [`export NODE_EXTRA_CA_CERTS=${tls.caPath}`, `export AWS_CA_BUNDLE=${tls.caPath}`] : []),
      ].join('\n') + '\n',
    );
  }
  if (!deps.settings.quiet) {
    const local = opts.port === DEFAULT_PORT && opts.host === DEFAULT_HOST ? '--local' : `--local (with CHATCTL_LOCAL_ENDPOINT=${info.Endpoint})`;
    deps.io.err(
      `chatctl emulator listening on ${info.Endpoint} (account ${opts.account}, region ${region})\n` +
        `state: ${opts.state ?? 'in memory only'}\n` +
        (tls
          ? `TLS: CA certificate ${tls.caPath}: NODE_EXTRA_CA_CERTS=${tls.caPath} for Node apps, --ca-bundle for the AWS CLI; ` +
            (opts.state ? `chatctl --local trusts it with CHATCTL_LOCAL_CA=${tls.caPath}\n` : 'chatctl --local trusts it\n')
          : '') +
        `use it: chatctl ${local} ..., or the AWS CLI with the variables above; Ctrl-C stops it\n`,
    );
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await emulator.close();
  if (!deps.settings.quiet) deps.io.err(`emulator stopped (${signal})\n`);
  process.exit(signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm);
}

async function tlsMaterial(opts: StartOptions) {
  const { ensureTlsMaterial, tlsDirectory } = await import('../../emulator/tls.js');
  const dir = tlsDirectory(opts.state);
  try {
    return ensureTlsMaterial(dir, opts.host);
  } catch (err) {
    throw configError(`cannot prepare the TLS certificate in ${dir}: ${(err as Error).message}`);
  }
}

function accountArg(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError(`'${value}' is not an AWS account id (12 digits).`);
  return value;
}

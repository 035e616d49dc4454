import type { Command } from 'commander';
import { mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { ignoringNotFound } from '../not-found.js';
import { CliError } from '../../io/errors.js';

export interface DeleteLoggingOptions {
  logcfg: string;
  ignoreNotFound?: boolean;
}

export function register(group: Command): void {
  mutating(
    group
      .command('delete <logcfg>')
      .alias('rm')
      .description('Delete a logging configuration (ARN, id or name); fails while a room uses it')
      .option('--ignore-not-found', 'succeed when it does not exist'),
  ).action(runs(run, ([logcfg], f) => ({ logcfg, ...f })));
}

export async function run(opts: DeleteLoggingOptions, deps: Deps): Promise<void> {
  await ignoringNotFound(opts.ignoreNotFound, deps, `logging configuration ${opts.logcfg}`, async () => {
    const identifier = await resolveLoggingConfiguration(deps.aws, opts.logcfg);
    await deps.confirm(`delete logging configuration ${opts.logcfg === identifier ? identifier : `${opts.logcfg} (${identifier})`}`);
    try {
      await deps.aws.call('ivschat', 'DeleteLoggingConfiguration', { identifier });
    } catch (err) {
      if (err instanceof CliError && err.code === 'ConflictException') {
        const hint = `find the rooms with 'chatctl room list --logging ${identifier}', then 'chatctl room update ROOM --no-logging' (or --logging without it)`;
        throw new CliError(err.message, err.exitCode, hint, err.code, err.details);
      }
      throw err;
    }
    deps.done(`Deleted logging configuration ${opts.logcfg}`);
  });
}

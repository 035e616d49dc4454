import type { Command } from 'commander';
import { choice, intArg, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveLoggingConfiguration, resolveRoom } from '../../context/ivs-resolve.js';
import { checkLogging } from './create.js';
import { roomItem } from './views.js';

export interface UpdateRoomOptions {
  room: string;
  name?: string;
  maxLength?: number;
  maxRate?: number;
  /** '' detaches the review handler. */
  reviewHandler?: string;
  fallback?: 'ALLOW' | 'DENY';
  /** A list replaces the room's logging configurations; false (--no-logging) removes them all. */
  logging?: string[] | false;
}

/** --logging repeatable, and --no-logging (false) on the same attribute. */
const loggingList = (value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value];

export function register(group: Command): void {
  mutating(
    group
      .command('update <room>')
      .description('Change a room (ARN, id or name); only the given settings change')
      .option('--name <name>', 'new name')
      .option('--max-length <n>', 'maximum message length in characters, 1-500', intArg(1, 500))
      .option('--max-rate <n>', 'maximum messages per second in the room, 1-100', intArg(1, 100))
      .option('--review-handler <lambda-arn>', "Lambda function that reviews every message ('' removes it)")
      .addOption(choice('--fallback <result>', 'what happens to a message when the review handler fails', ['ALLOW', 'DENY']))
      .option('--logging <logcfg>', 'logging configuration ARN, id or name; replaces the current list (repeatable, up to 3)', loggingList)
      .option('--no-logging', 'stop logging the room (remove every logging configuration)'),
  ).action(runs(run, ([room], f) => ({ room, ...f })));
}

export async function run(opts: UpdateRoomOptions, deps: Deps): Promise<void> {
  const { name, maxLength, maxRate, reviewHandler, fallback, logging } = opts;
  if ([name, maxLength, maxRate, reviewHandler, fallback, logging].every((v) => v === undefined)) {
    throw usageError('nothing to update', 'pass --name, --max-length, --max-rate, --review-handler, --fallback, --logging or --no-logging');
  }
  if (Array.isArray(logging)) checkLogging(logging);
  if (reviewHandler === '' && fallback) throw usageError("--fallback cannot be combined with --review-handler ''");
  const identifier = await resolveRoom(deps.aws, opts.room);

  let messageReviewHandler: { uri: string; fallbackResult?: string } | undefined;
  if (reviewHandler !== undefined) {
    messageReviewHandler = { uri: reviewHandler, fallbackResult: reviewHandler === '' ? undefined : fallback };
  } else if (fallback) {
    // Only the fallback changes: resend the room's current handler with it.
    const current = await deps.aws.call('ivschat', 'GetRoom', { identifier });
    const uri = current.messageReviewHandler?.uri;
    if (!uri) throw usageError(`room ${opts.room} has no review handler to set a fallback for`, 'pass --review-handler LAMBDA_ARN too');
    messageReviewHandler = { uri, fallbackResult: fallback };
  }
  const loggingConfigurationIdentifiers =
    logging === undefined ? undefined : logging === false ? [] : await Promise.all(logging.map((l) => resolveLoggingConfiguration(deps.aws, l)));

  const output = await deps.aws.call('ivschat', 'UpdateRoom', {
    identifier,
    name,
    maximumMessageLength: maxLength,
    maximumMessageRatePerSecond: maxRate,
    messageReviewHandler,
    loggingConfigurationIdentifiers,
  });
  await deps.render.item(output, roomItem);
  deps.done(`Updated room ${opts.room}`);
}

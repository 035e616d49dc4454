import type { Command } from 'commander';
import { choice, collect, intArg, keyValue, mutating, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { usageError } from '../../io/errors.js';
import { resolveLoggingConfiguration } from '../../context/ivs-resolve.js';
import { roomItem } from './views.js';

export interface CreateRoomOptions {
  name?: string;
  maxLength?: number;
  maxRate?: number;
  reviewHandler?: string;
  fallback?: 'ALLOW' | 'DENY';
  logging?: string[];
  tag?: Record<string, string>;
}

export const MAX_LOGGING_PER_ROOM = 3;

export function register(group: Command): void {
  mutating(
    group
      .command('create [name]')
      .description('Create a room (names need not be unique)')
      .option('--max-length <n>', 'maximum message length in characters, 1-500 (default 500)', intArg(1, 500))
      .option('--max-rate <n>', 'maximum messages per second in the room, 1-100 (default 10)', intArg(1, 100))
      .option('--review-handler <lambda-arn>', 'Lambda function that reviews every message')
      .addOption(choice('--fallback <result>', 'what happens to a message when the review handler fails (default ALLOW)', ['ALLOW', 'DENY']))
      .option('--logging <logcfg>', 'logging configuration ARN, id or name (repeatable, up to 3)', collect)
      .option('--tag <key=value>', 'tag (repeatable)', keyValue),
  ).action(runs(run, ([name], f) => ({ name, ...f })));
}

export function checkLogging(logging: string[] | undefined): void {
  if (logging && logging.length > MAX_LOGGING_PER_ROOM) {
    throw usageError(`a room can use at most ${MAX_LOGGING_PER_ROOM} logging configurations (got ${logging.length})`);
  }
}

export async function run(opts: CreateRoomOptions, deps: Deps): Promise<void> {
  checkLogging(opts.logging);
  if (opts.fallback && !opts.reviewHandler) throw usageError('--fallback needs --review-handler', 'pass --review-handler LAMBDA_ARN');
  const logging = opts.logging ? await Promise.all(opts.logging.map((l) => resolveLoggingConfiguration(deps.aws, l))) : undefined;
  const output = await deps.aws.call('ivschat', 'CreateRoom', {
    name: opts.name,
    maximumMessageLength: opts.maxLength,
    maximumMessageRatePerSecond: opts.maxRate,
    messageReviewHandler: opts.reviewHandler ? { uri: opts.reviewHandler, fallbackResult: opts.fallback } : undefined,
    loggingConfigurationIdentifiers: logging,
    tags: opts.tag && Object.keys(opts.tag).length ? opts.tag : undefined,
  });
  await deps.render.item(output, roomItem);
  deps.done(`Created room ${opts.name ? `${opts.name} ` : ''}${output.arn ?? ''}`.trim());
}

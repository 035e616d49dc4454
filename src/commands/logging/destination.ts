// --s3 / --cloudwatch / --firehose: one destination (DestinationConfiguration is a union).
import type { Command } from 'commander';
import { usageError } from '../../io/errors.js';

export interface DestinationFlags {
  s3?: string;
  cloudwatch?: string;
  firehose?: string;
}

export function destinationOptions(cmd: Command, verb: string): Command {
  return cmd
    .option('--s3 <bucket>', `${verb} to this S3 bucket`)
    .option('--cloudwatch <log-group>', `${verb} to this CloudWatch Logs log group`)
    .option('--firehose <stream>', `${verb} to this Kinesis Data Firehose delivery stream`);
}

/** The destinationConfiguration for the flags given; undefined when none (if allowed). */
export function destination(flags: DestinationFlags, required: boolean) {
  const given = (['s3', 'cloudwatch', 'firehose'] as const).filter((k) => flags[k] !== undefined);
  if (given.length > 1) throw usageError(`pass only one destination (got --${given.join(' and --')})`);
  if (given.length === 0) {
    if (required) throw usageError('a destination is required', 'pass one of --s3 BUCKET, --cloudwatch LOG_GROUP, --firehose STREAM');
    return undefined;
  }
  if (flags.s3 !== undefined) return { s3: { bucketName: flags.s3 } };
  if (flags.cloudwatch !== undefined) return { cloudWatchLogs: { logGroupName: flags.cloudwatch } };
  return { firehose: { deliveryStreamName: flags.firehose! } };
}

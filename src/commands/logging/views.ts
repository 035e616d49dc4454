import type { ItemView } from '../../io/render.js';
import type { ListVerbView } from '../verb.js';

/** The destination of a logging configuration in one phrase: `s3:bucket`, `cloudwatch:group`, `firehose:stream`. */
export function destinationText(d: any): string {
  if (d?.s3) return `s3:${d.s3.bucketName}`;
  if (d?.cloudWatchLogs) return `cloudwatch:${d.cloudWatchLogs.logGroupName}`;
  if (d?.firehose) return `firehose:${d.firehose.deliveryStreamName}`;
  return '';
}

export const loggingList: ListVerbView = {
  noun: 'logging configurations',
  columns: [
    ['ID', (c) => c.id],
    ['NAME', (c) => c.name],
    ['DESTINATION', (c) => destinationText(c.destinationConfiguration)],
    ['STATE', (c) => c.state],
    ['UPDATED', (c) => c.updateTime],
    ['ARN', (c) => c.arn],
  ],
  id: (c) => c.arn,
};

export const loggingItem: ItemView = { id: (c) => c.arn };

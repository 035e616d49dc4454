import { shortId } from '../../context/arn.js';
import type { ListVerbView } from '../verb.js';

export const botList: ListVerbView = {
  noun: 'bots',
  columns: [
    ['ID', (b) => shortId(b.AppInstanceBotArn)],
    ['NAME', (b) => b.Name],
    ['METADATA', (b) => b.Metadata],
    ['ARN', (b) => b.AppInstanceBotArn],
  ],
  id: (b) => b.AppInstanceBotArn,
};

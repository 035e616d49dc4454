import { shortId } from '../../context/arn.js';
import type { ListView } from '../../io/render.js';

export const botList: ListView = {
  key: 'AppInstanceBots',
  noun: 'bots',
  columns: [
    ['ID', (b) => shortId(b.AppInstanceBotArn)],
    ['NAME', (b) => b.Name],
    ['METADATA', (b) => b.Metadata],
    ['ARN', (b) => b.AppInstanceBotArn],
  ],
  id: (b) => b.AppInstanceBotArn,
};

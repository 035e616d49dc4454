import { shortId } from '../../context/arn.js';
import type { ListView } from '../../io/render.js';

export const appInstanceList: ListView = {
  key: 'AppInstances',
  noun: 'app instances',
  columns: [
    ['ID', (a) => shortId(a.AppInstanceArn)],
    ['NAME', (a) => a.Name],
    ['METADATA', (a) => a.Metadata],
    ['ARN', (a) => a.AppInstanceArn],
  ],
  id: (a) => a.AppInstanceArn,
};

import { shortId } from '../../context/arn.js';
import type { ListVerbView } from '../verb.js';

export const appInstanceList: ListVerbView = {
  noun: 'app instances',
  columns: [
    ['ID', (a) => shortId(a.AppInstanceArn)],
    ['NAME', (a) => a.Name],
    ['METADATA', (a) => a.Metadata],
    ['ARN', (a) => a.AppInstanceArn],
  ],
  id: (a) => a.AppInstanceArn,
};

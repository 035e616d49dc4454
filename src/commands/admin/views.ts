import type { ListView } from '../../io/render.js';

const kindOf = (arn: string | undefined) => /\/(user|bot)\/[^/]+$/.exec(arn ?? '')?.[1] ?? '';

export const adminList: ListView = {
  key: 'AppInstanceAdmins',
  noun: 'admins',
  columns: [
    ['ID', (a) => /\/([^/]+)$/.exec(a.Admin?.Arn ?? '')?.[1] ?? ''],
    ['TYPE', (a) => kindOf(a.Admin?.Arn)],
    ['NAME', (a) => a.Admin?.Name],
    ['ARN', (a) => a.Admin?.Arn],
  ],
  id: (a) => a.Admin?.Arn,
};

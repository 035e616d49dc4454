import { shortId } from '../../context/arn.js';
import type { ListView } from '../../io/render.js';

export const userList: ListView = {
  key: 'AppInstanceUsers',
  noun: 'users',
  columns: [
    ['ID', (u) => shortId(u.AppInstanceUserArn)],
    ['NAME', (u) => u.Name],
    ['METADATA', (u) => u.Metadata],
    ['ARN', (u) => u.AppInstanceUserArn],
  ],
  id: (u) => u.AppInstanceUserArn,
};

export const endpointList: ListView = {
  key: 'AppInstanceUserEndpoints',
  noun: 'endpoints',
  columns: [
    ['ID', (e) => e.EndpointId],
    ['NAME', (e) => e.Name],
    ['TYPE', (e) => e.Type],
    ['ALLOW MESSAGES', (e) => e.AllowMessages],
    ['STATUS', (e) => e.EndpointState?.Status],
    ['USER', (e) => e.AppInstanceUserArn],
  ],
  // Endpoints have no ARN; the id is what `user endpoint get USER ID` takes.
  id: (e) => e.EndpointId,
};

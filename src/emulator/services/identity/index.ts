// Handlers of all 30 Chime SDK identity operations, by resource.
import type { HandlerTable } from '../../types.js';
import { adminHandlers } from './admins.js';
import { appInstanceHandlers } from './app-instances.js';
import { botHandlers } from './bots.js';
import { endpointHandlers } from './endpoints.js';
import { retentionHandlers } from './retention.js';
import { tagHandlers } from './tags.js';
import { userHandlers } from './users.js';

export const identityHandlers: HandlerTable<'identity'> = {
  ...appInstanceHandlers,
  ...userHandlers,
  ...endpointHandlers,
  ...adminHandlers,
  ...botHandlers,
  ...retentionHandlers,
  ...tagHandlers,
};

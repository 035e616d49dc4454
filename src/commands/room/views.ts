import type { ItemView } from '../../io/render.js';
import type { ListVerbView } from '../verb.js';

export const roomList: ListVerbView = {
  noun: 'rooms',
  columns: [
    ['ID', (r) => r.id],
    ['NAME', (r) => r.name],
    ['REVIEW HANDLER', (r) => (r.messageReviewHandler?.uri ? `${r.messageReviewHandler.uri} (${r.messageReviewHandler.fallbackResult ?? 'ALLOW'})` : '')],
    ['LOGGING', (r) => (r.loggingConfigurationIdentifiers ?? []).length || ''],
    ['UPDATED', (r) => r.updateTime],
    ['ARN', (r) => r.arn],
  ],
  id: (r) => r.arn,
};

/** Create/Get/UpdateRoom return the flat room. */
export const roomItem: ItemView = { id: (r) => r.arn };

/** SendEvent and DeleteMessage return the new event's id. */
export const eventItem: ItemView = { id: (r) => r.id };

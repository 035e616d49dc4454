// Handler tables of the three services, by operation name. An operation missing from a table
// answers "not implemented by the emulator yet" (501).
import type { HandlerTable, ServiceName } from '../types.js';
import { identityHandlers } from './identity/index.js';
import { ivschatHandlers } from './ivschat/index.js';

/** Chime SDK messaging: the handlers in ./messaging/ add to this table. */
export const messagingHandlers: HandlerTable = {};

/** IVS Chat: src/emulator/services/ivschat/. */
export { ivschatHandlers };

export const HANDLERS: Record<ServiceName, HandlerTable> = {
  identity: identityHandlers,
  messaging: messagingHandlers,
  ivschat: ivschatHandlers,
};

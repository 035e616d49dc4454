// Handler tables and role policies of the three services, by operation name. An operation
// missing from a table answers "not implemented by the emulator yet" (501).
import type { Handler, HandlerContext, ServiceName } from '../types.js';
import { identityHandlers } from './identity/index.js';
import { ivschatHandlers } from './ivschat/index.js';
import { messagingHandlers } from './messaging/index.js';
import { authorizeMessaging } from './messaging/policy.js';

export { identityHandlers, ivschatHandlers, messagingHandlers };

/** Looked up by the core with the operation name it routed to (a plain string). */
export const HANDLERS: Record<ServiceName, Readonly<Partial<Record<string, Handler>>>> = {
  identity: identityHandlers,
  messaging: messagingHandlers,
  ivschat: ivschatHandlers,
};

/** Authorization by role, run by the core after validation and right before the handler;
 * throws the service's ForbiddenException. Services without roles have none. */
export const POLICIES: Partial<Record<ServiceName, (ctx: HandlerContext) => void>> = {
  messaging: authorizeMessaging,
};

// Chime SDK messaging (2021-05-15): all 51 operations, by resource. The core validates the
// input against the model, then runs the role policy (policy.ts), then the handler.
import { appInstanceHandlers } from './app-instance.js';
import { channelHandlers } from './channels.js';
import { flowHandlers } from './flows.js';
import { membershipHandlers } from './memberships.js';
import { messageHandlers } from './messages.js';
import { moderationHandlers } from './moderation.js';
import { asHandlerTable, type MessagingHandlers, type MessagingOperation } from './operations.js';

/** Every operation of the model, exactly once: a missing or misspelt one fails to compile. */
const all: MessagingHandlers<MessagingOperation> = {
  ...channelHandlers,
  ...membershipHandlers,
  ...moderationHandlers,
  ...messageHandlers,
  ...flowHandlers,
  ...appInstanceHandlers,
};

export const messagingHandlers = asHandlerTable(all);
export { channelDetailsFor, membersOf, roleOf } from './backend.js';

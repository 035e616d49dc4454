// IVS Chat (2020-07-14): all 17 operations. The core has validated the input against the
// model (required members, lengths, patterns, ranges, enums, union arity) before any of these
// run, and serialises Date values as ISO-8601 strings.
import type { HandlerTable } from '../../types.js';
import { chatHandlers } from './chat.js';
import { loggingHandlers } from './logging.js';
import { roomHandlers } from './rooms.js';
import { tagHandlers } from './tags.js';

export const ivschatHandlers: HandlerTable<'ivschat'> = {
  ...roomHandlers,
  ...loggingHandlers,
  ...chatHandlers,
  ...tagHandlers,
};

export default ivschatHandlers;
export { ivs, type ChatTokenRecord, type RecordedEvent, type IvsChatState } from './state.js';

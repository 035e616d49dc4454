// `chatctl room send ROOM TEXT`: one chat message over the room's WebSocket (a token with
// SEND_MESSAGE), confirmed by its echo. The work is in src/tail/ivs.ts, loaded when it runs.
import type { Command } from 'commander';
import { keyValue, runs } from '../command.js';
import type { Deps } from '../deps.js';
import { withExamples, withinLength } from '../verb.js';

export interface SendOptions {
  room: string;
  text: string;
  userId?: string;
  attribute?: Record<string, string>;
}

export function register(group: Command): void {
  withExamples(group.command('send <room> <text>'), ['chatctl room send lobby "hello" --user-id alice', 'chatctl room send lobby "poll closed" --attribute kind=notice'])
    .description('Send a chat message to a room as a user; waits for the room to echo it (exit 254 on an ERROR frame)')
    .option('--user-id <id>', 'the sender (1-128 characters)', 'chatctl')
    .option('--attribute <key=value>', 'message attribute (repeatable; 1 KB in all)', keyValue)
    .action(runs(run, ([room, text], f) => ({ room, text, ...f })));
}

export async function run(opts: SendOptions, deps: Deps): Promise<void> {
  if (opts.userId !== undefined) withinLength(opts.userId, '--user-id', 'ivschat', 'CreateChatToken', 'userId');
  const { sendRoomMessage } = await import('../../tail/ivs.js');
  const message = await sendRoomMessage(opts, deps);
  await deps.render.item(message, { id: (m) => String(m.Id) });
  deps.done(`Sent message ${message.Id} to room ${opts.room}`);
}

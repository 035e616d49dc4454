import type { Command } from 'commander';
import * as create from './create.js';
import * as list from './list.js';
import * as get from './get.js';
import * as update from './update.js';
import * as del from './delete.js';
import * as sendEvent from './send-event.js';
import * as deleteMessage from './delete-message.js';
import * as disconnect from './disconnect.js';
import * as send from './send.js';

export function register(program: Command): void {
  const group = program.command('room').description('IVS Chat rooms');
  for (const verb of [create, list, get, update, del, send, sendEvent, deleteMessage, disconnect] as Array<{ register(group: Command): void }>) verb.register(group);
}

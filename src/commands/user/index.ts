import type { Command } from 'commander';
import * as create from './create.js';
import * as list from './list.js';
import * as get from './get.js';
import * as update from './update.js';
import * as del from './delete.js';
import * as expire from './expire.js';
import * as endpoint from './endpoint/index.js';

export function register(program: Command): void {
  const group = program.command('user').description('App instance users (and their push endpoints and expiration)');
  for (const verb of [create, list, get, update, del, expire, endpoint]) verb.register(group);
}

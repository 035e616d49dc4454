import type { Command } from 'commander';
import * as register_ from './register.js';
import * as list from './list.js';
import * as get from './get.js';
import * as update from './update.js';
import * as deregister from './deregister.js';

export function register(group: Command): void {
  const endpoint = group.command('endpoint').description('Push notification endpoints of a user');
  for (const verb of [register_, list, get, update, deregister]) verb.register(endpoint);
}

import type { Command } from 'commander';
import * as create from './create.js';
import * as list from './list.js';
import * as get from './get.js';
import * as update from './update.js';
import * as del from './delete.js';

export function register(program: Command): void {
  const group = program.command('app-instance').description('Chime SDK app instances (the top-level messaging container)');
  for (const verb of [create, list, get, update, del]) verb.register(group);
}

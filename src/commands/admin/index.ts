import type { Command } from 'commander';
import * as add from './add.js';
import * as list from './list.js';
import * as get from './get.js';
import * as remove from './remove.js';

export function register(program: Command): void {
  const group = program.command('admin').description('App instance administrators (users or bots)');
  for (const verb of [add, list, get, remove]) verb.register(group);
}

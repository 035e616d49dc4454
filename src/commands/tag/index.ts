import type { Command } from 'commander';
import * as list from './list.js';
import * as add from './add.js';
import * as remove from './remove.js';

export function register(program: Command): void {
  const group = program.command('tag').description('Tags of any Chime SDK or IVS Chat resource, by ARN');
  for (const verb of [list, add, remove]) verb.register(group);
}

import type { Command } from 'commander';
import * as get from './get.js';
import * as set from './set.js';
import * as disable from './disable.js';

export function register(program: Command): void {
  const group = program.command('retention').description('Message retention of an app instance');
  for (const verb of [get, set, disable]) verb.register(group);
}

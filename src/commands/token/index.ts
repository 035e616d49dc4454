import type { Command } from 'commander';
import * as create from './create.js';

export function register(program: Command): void {
  const group = program.command('token').description('IVS Chat tokens');
  for (const verb of [create]) verb.register(group);
}

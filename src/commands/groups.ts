// Every command group. Each entry only declares verbs and flags; behaviour loads when a verb runs.
import type { Command } from 'commander';
import { register as appInstance } from './app-instance/index.js';
import { register as user } from './user/index.js';
import { register as admin } from './admin/index.js';
import { register as bot } from './bot/index.js';
import { register as retention } from './retention/index.js';
import { register as channel } from './channel/index.js';
import { register as membership } from './membership/index.js';
import { register as moderator } from './moderator/index.js';
import { register as ban } from './ban/index.js';
import { register as message } from './message/index.js';
import { register as flow } from './flow/index.js';
import { register as streaming } from './streaming/index.js';
import { register as room } from './room/index.js';
import { register as logging } from './logging/index.js';
import { register as token } from './token/index.js';
import { register as tag } from './tag/index.js';
import { register as tail } from './tail/index.js';
import { register as emulator } from './emulator/index.js';
import { register as config } from './config/index.js';
import { register as completion } from './completion/index.js';

/** name -> register, in the order `chatctl --help` lists them. A run registers only the group
 * its command line names (see cli.ts), so the name must be the group's command name. */
export const GROUPS: Array<[name: string, register: (program: Command) => void]> = [
  ['app-instance', appInstance],
  ['user', user],
  ['admin', admin],
  ['bot', bot],
  ['retention', retention],
  ['channel', channel],
  ['membership', membership],
  ['moderator', moderator],
  ['ban', ban],
  ['message', message],
  ['flow', flow],
  ['streaming', streaming],
  ['room', room],
  ['logging', logging],
  ['token', token],
  ['tag', tag],
  ['tail', tail],
  ['emulator', emulator],
  ['config', config],
  ['completion', completion],
];

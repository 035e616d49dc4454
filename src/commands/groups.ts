// Every command group, in the order `chatctl --help` lists them. Each entry only declares
// verbs and flags; behaviour loads when a verb runs.
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

export const GROUPS: Array<(program: Command) => void> = [
  appInstance,
  user,
  admin,
  bot,
  retention,
  channel,
  membership,
  moderator,
  ban,
  message,
  flow,
  streaming,
  room,
  logging,
  token,
  tag,
  tail,
  emulator,
  config,
  completion,
];

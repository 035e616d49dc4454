// Every command group. Each group's module only declares verbs and flags; behaviour loads when a
// verb runs.
import type { Command } from 'commander';
import { register as completion } from './completion/index.js';

/** A group's module: declares its verbs on the group's command. */
export interface GroupModule {
  register(group: Command): void;
}

/** name, one-line summary, and the group's module, loaded only when a run needs its verbs (the
 * modules cost start-up time to load and declare); in the order `chatctl --help` lists them.
 * `completion` is not a group: it is declared on every run (see cli.ts). */
export const GROUPS: Array<[name: string, summary: string, load: () => Promise<GroupModule>]> = [
  ['app-instance', 'Chime SDK app instances (the top-level messaging container)', () => import('./app-instance/index.js')],
  ['user', 'App instance users (and their push endpoints and expiration)', () => import('./user/index.js')],
  ['admin', 'App instance administrators (users or bots)', () => import('./admin/index.js')],
  ['bot', 'App instance bots (Amazon Lex)', () => import('./bot/index.js')],
  ['retention', 'Message retention of an app instance', () => import('./retention/index.js')],
  ['channel', 'Channels of the app instance (every command acts as the --as user or bot)', () => import('./channel/index.js')],
  ['membership', 'Members of a channel (users and bots), and their notification preferences', () => import('./membership/index.js')],
  ['moderator', 'Moderators of a channel (users or bots)', () => import('./moderator/index.js')],
  ['ban', 'Members banned from a channel (removed, and kept out until the ban is lifted)', () => import('./ban/index.js')],
  ['message', 'Messages of a channel', () => import('./message/index.js')],
  ['flow', 'Channel flows: Lambda processors that see messages before they are sent', () => import('./flow/index.js')],
  ['streaming', 'Streaming of channel and message events of an app instance to Kinesis', () => import('./streaming/index.js')],
  ['room', 'IVS Chat rooms', () => import('./room/index.js')],
  ['logging', 'IVS Chat logging configurations', () => import('./logging/index.js')],
  ['token', 'IVS Chat tokens', () => import('./token/index.js')],
  ['tag', 'Tags of any Chime SDK or IVS Chat resource, by ARN', () => import('./tag/index.js')],
  ['tail', 'Print live events of channels (Chime SDK messaging) or rooms (IVS Chat)', () => import('./tail/index.js')],
  ['emulator', 'The local emulator of the three services (no AWS account needed)', () => import('./emulator/index.js')],
  ['config', "chatctl's defaults (region, endpoint, app instance, caller, output)", () => import('./config/index.js')],
];

export { completion as registerCompletion };

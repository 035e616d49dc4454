// The shells `chatctl completion` writes scripts for (generate.ts has one generator each).
export const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;
export type ShellName = (typeof SHELL_NAMES)[number];

// Which positional arguments complete to live identifiers, by the argument's name in the verb
// declarations (`user get <user>`, `room get <room>` ...), and what each kind lists.

export type LiveKind = 'app-instances' | 'users' | 'bots' | 'members' | 'channels' | 'rooms' | 'logging-configurations';

export const LIVE_KINDS: Record<string, LiveKind> = {
  app: 'app-instances',
  user: 'users',
  member: 'members',
  bot: 'bots',
  channel: 'channels',
  room: 'rooms',
  logcfg: 'logging-configurations',
};

export const isLiveKind = (value: string): value is LiveKind => Object.values(LIVE_KINDS).includes(value as LiveKind);

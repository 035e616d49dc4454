// A messaging world for the channel-group tests: an emulator, an app instance, users (the
// first an AppInstanceAdmin), and helpers that run chatctl in it, optionally as a member.
import { expect } from 'vitest';
import { cliEnv, type CliEnv, type RunOptions, type RunResult } from './harness.js';

export interface World {
  e: CliEnv;
  app: string;
  /** chatctl with --app-instance set. */
  run(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** chatctl as a user or bot (--as), with --app-instance set. */
  as(who: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Like `as`, failing the test unless it exits 0. */
  ok(who: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  userArn(id: string): string;
  channelArn(id: string): string;
  /** Creates a channel with this id as `who` (moderator of it); returns its ARN. */
  channel(who: string, id: string, flags?: string[]): Promise<string>;
}

export async function messagingWorld(name: string, admin: string, users: string[]): Promise<World> {
  const e = await cliEnv();
  const created = await e.ok(['app-instance', 'create', name, '-o', 'id']);
  const app = created.stdout.trim();
  const run = (args: string[], opts?: RunOptions) => e.run(['--app-instance', app, ...args], opts);
  const as = (who: string, args: string[], opts?: RunOptions) => run(['--as', who, ...args], opts);
  const ok = async (who: string, args: string[], opts?: RunOptions) => {
    const r = await as(who, args, opts);
    expect(r.code, `chatctl --as ${who} ${args.join(' ')}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(0);
    return r;
  };
  // A few at a time: hundreds of users one after the other would be most of a test's time.
  const ids = [admin, ...users];
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(
      ids.slice(i, i + 25).map(async (id) => {
        const r = await run(['user', 'create', id, '--name', id.toUpperCase()]);
        expect(r.code, r.stderr).toBe(0);
      }),
    );
  }
  expect((await run(['admin', 'add', admin])).code).toBe(0);
  return {
    e,
    app,
    run,
    as,
    ok,
    userArn: (id) => `${app}/user/${id}`,
    channelArn: (id) => `${app}/channel/${id}`,
    async channel(who, id, flags = []) {
      const r = await ok(who, ['channel', 'create', id, '--id', id, ...flags, '-o', 'id']);
      return r.stdout.trim();
    },
  };
}

export const lines = (s: string) => s.split('\n').filter(Boolean);

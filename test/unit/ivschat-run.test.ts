// Run tests for the IVS Chat CLI pieces that e2e cannot reach well: the ROOM/LOGCFG resolver
// (paging, id over name, ambiguity) and where `token create` shows the token (a terminal).
import { describe, expect, it } from 'vitest';
import type { Aws } from '../../src/aws/clients.js';
import { depsFor } from '../../src/commands/deps.js';
import { run as createToken } from '../../src/commands/token/create.js';
import { resolveIvs } from '../../src/context/ivs-resolve.js';
import { resolveSettings } from '../../src/context/settings.js';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';

const ROOM = (id: string) => `arn:aws:ivschat:us-east-1:123456789012:room/${id}`;

/** A fake Aws whose ListRooms/ListLoggingConfigurations serve `items` two per page. */
function fakeAws(items: Array<{ id: string; name: string; arn: string }>) {
  const calls: Array<{ operation: string; input: Record<string, any> }> = [];
  const aws: Aws = {
    planned: [],
    async call(_service, operation, input: Record<string, any> = {}) {
      calls.push({ operation, input });
      if (operation === 'ListRooms' || operation === 'ListLoggingConfigurations') {
        const matching = items.filter((i) => input.name === undefined || i.name === input.name);
        const start = Number(input.nextToken ?? 0);
        const page = matching.slice(start, start + 2);
        const next = start + 2 < matching.length ? String(start + 2) : undefined;
        return { [operation === 'ListRooms' ? 'rooms' : 'loggingConfigurations']: page, ...(next ? { nextToken: next } : {}) } as any;
      }
      if (operation === 'CreateChatToken') {
        return { token: 'SECRET-TOKEN-VALUE', tokenExpirationTime: new Date('2030-01-01T00:01:00Z'), sessionExpirationTime: new Date('2030-01-01T01:00:00Z') } as any;
      }
      throw new Error(`unexpected ${operation}`);
    },
  };
  return { aws, calls };
}

const rooms = [
  { id: 'AAAAAAAAAAAA', name: 'lobby', arn: ROOM('AAAAAAAAAAAA') },
  { id: 'BBBBBBBBBBBB', name: 'twin', arn: ROOM('BBBBBBBBBBBB') },
  { id: 'CCCCCCCCCCCC', name: 'twin', arn: ROOM('CCCCCCCCCCCC') },
  { id: 'DDDDDDDDDDDD', name: 'AAAAAAAAAAAA', arn: ROOM('DDDDDDDDDDDD') },
  { id: 'EEEEEEEEEEEE', name: 'last', arn: ROOM('EEEEEEEEEEEE') },
];

describe('resolveIvs', () => {
  it('passes an ARN through without a call', async () => {
    const { aws, calls } = fakeAws(rooms);
    expect(await resolveIvs(aws, 'room', ROOM('ZZZZZZZZZZZZ'))).toBe(ROOM('ZZZZZZZZZZZZ'));
    expect(calls).toEqual([]);
  });

  it('finds an id on a later page; an id wins over an equal name', async () => {
    const { aws, calls } = fakeAws(rooms);
    expect(await resolveIvs(aws, 'room', 'EEEEEEEEEEEE')).toBe(ROOM('EEEEEEEEEEEE'));
    expect(calls.map((c) => c.input.nextToken)).toEqual([undefined, '2', '4']);
    expect(await resolveIvs(aws, 'room', 'AAAAAAAAAAAA')).toBe(ROOM('AAAAAAAAAAAA'));
  });

  it('filters rooms by name on the server and lists logging configurations in full', async () => {
    const { aws, calls } = fakeAws(rooms);
    expect(await resolveIvs(aws, 'room', 'lobby')).toBe(ROOM('AAAAAAAAAAAA'));
    expect(calls[0]).toMatchObject({ operation: 'ListRooms', input: { name: 'lobby' } });
    expect(await resolveIvs(aws, 'logging', 'last')).toBe(ROOM('EEEEEEEEEEEE'));
    expect(calls.at(-1)!.operation).toBe('ListLoggingConfigurations');
    expect(calls.at(-1)!.input.name).toBeUndefined();
  });

  it('ambiguous names are usage errors listing the ARNs; unknown ones are not-found (254)', async () => {
    const { aws } = fakeAws(rooms);
    const amb = (await resolveIvs(aws, 'room', 'twin').catch((e) => e)) as CliError;
    expect(amb.exitCode).toBe(252);
    expect(amb.details).toEqual([ROOM('BBBBBBBBBBBB'), ROOM('CCCCCCCCCCCC')]);
    const missing = (await resolveIvs(aws, 'logging', 'nope').catch((e) => e)) as CliError;
    expect(missing.exitCode).toBe(254);
    expect(missing.code).toBe('ResourceNotFoundException');
    expect(missing.message).toBe("logging configuration 'nope' not found");
    const bad = (await resolveIvs(aws, 'room', 'two words').catch((e) => e)) as CliError;
    expect(bad.exitCode).toBe(252);
  });
});

describe('token create output', () => {
  function setup(tty: boolean, output?: string) {
    const io = testIO({ tty });
    const settings = resolveSettings({ ...(output ? { output } : {}) }, { XDG_CONFIG_HOME: '/nonexistent' }, tty);
    const { aws, calls } = fakeAws(rooms);
    return { io, calls, deps: depsFor(io, settings, aws) };
  }
  const opts = { room: 'lobby', userId: 'alice', capability: ['send_message', 'DELETE_MESSAGE'], duration: 5 };

  it('the table on a terminal shows the token', async () => {
    const { io, calls, deps } = setup(true);
    await createToken(opts, deps);
    expect(io.stdout()).toMatch(/token\s+SECRET-TOKEN-VALUE/);
    expect(io.stderr()).not.toContain('SECRET-TOKEN-VALUE');
    expect(calls.at(-1)).toEqual({
      operation: 'CreateChatToken',
      input: { roomIdentifier: ROOM('AAAAAAAAAAAA'), userId: 'alice', capabilities: ['SEND_MESSAGE', 'DELETE_MESSAGE'], sessionDurationInMinutes: 5, attributes: undefined },
    });
  });

  it.each(['json', 'jsonl', 'yaml', 'text', 'id'])('-o %s shows it', async (format) => {
    const { io, deps } = setup(false, format);
    await createToken(opts, deps);
    expect(io.stdout()).toContain('SECRET-TOKEN-VALUE');
    expect(io.stderr()).not.toContain('SECRET-TOKEN-VALUE');
  });

  it('the implicit json of a pipe leaves it out and says how to get it', async () => {
    const { io, deps } = setup(false);
    await createToken(opts, deps);
    expect(io.stdout()).not.toContain('SECRET-TOKEN-VALUE');
    expect(JSON.parse(io.stdout())).toEqual({ tokenExpirationTime: '2030-01-01T00:01:00.000Z', sessionExpirationTime: '2030-01-01T01:00:00.000Z' });
    expect(io.stderr()).toContain('pass -o json');
  });
});

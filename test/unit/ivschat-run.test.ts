// The ARN-id-or-name resolver (paging, id over name, ambiguity, what is looked up at all) over
// the shared AWS fake, and where `token create` shows the token (a terminal, an explicit -o).
import { describe, expect, it } from 'vitest';
import { depsFor } from '../../src/commands/deps.js';
import { createToken } from '../../src/commands/token/index.js';
import { APP_INSTANCE, resolveBot } from '../../src/context/chime-resolve.js';
import { LOGGING_CONFIGURATION, ROOM } from '../../src/context/ivs-resolve.js';
import { findByName, resolveArn } from '../../src/context/resolve.js';
import { resolveSettings } from '../../src/context/settings.js';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';
import { fakeAws } from '../support/fake-aws.js';

const ROOM_ARN = (id: string) => `arn:aws:ivschat:us-east-1:123456789012:room/${id}`;

const rooms = [
  { id: 'AAAAAAAAAAAA', name: 'lobby', arn: ROOM_ARN('AAAAAAAAAAAA') },
  { id: 'BBBBBBBBBBBB', name: 'twin', arn: ROOM_ARN('BBBBBBBBBBBB') },
  { id: 'CCCCCCCCCCCC', name: 'twin', arn: ROOM_ARN('CCCCCCCCCCCC') },
  { id: 'DDDDDDDDDDDD', name: 'AAAAAAAAAAAA', arn: ROOM_ARN('DDDDDDDDDDDD') },
  { id: 'EEEEEEEEEEEE', name: 'last', arn: ROOM_ARN('EEEEEEEEEEEE') },
];

/** A list answer serving `items` two per page, filtered by `name` when the input has one. */
const twoPerPage = (key: string, items: Array<Record<string, any>>) => (input: Record<string, any>) => {
  const matching = items.filter((i) => input.name === undefined || i.name === input.name);
  const start = Number(input.nextToken ?? 0);
  const next = start + 2 < matching.length ? String(start + 2) : undefined;
  return { [key]: matching.slice(start, start + 2), ...(next ? { nextToken: next } : {}) };
};

const ivs = () =>
  fakeAws({ ListRooms: twoPerPage('rooms', rooms), ListLoggingConfigurations: twoPerPage('loggingConfigurations', rooms) }, 'ivschat');

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e) => e as CliError);

describe('resolveArn', () => {
  it('passes an ARN through without a call', async () => {
    const aws = fakeAws({});
    expect(await resolveArn(aws, ROOM, ROOM_ARN('ZZZZZZZZZZZZ'))).toBe(ROOM_ARN('ZZZZZZZZZZZZ'));
    expect(aws.calls).toEqual([]);
  });

  it('finds an id on a later page; an id wins over an equal name', async () => {
    const aws = ivs();
    expect(await resolveArn(aws, ROOM, 'EEEEEEEEEEEE')).toBe(ROOM_ARN('EEEEEEEEEEEE'));
    expect(aws.inputsOf('ListRooms').map((i) => i.nextToken)).toEqual([undefined, '2', '4']);
    expect(await resolveArn(aws, ROOM, 'AAAAAAAAAAAA')).toBe(ROOM_ARN('AAAAAAAAAAAA'));
  });

  it('filters rooms by name on the server and lists logging configurations in full', async () => {
    const aws = ivs();
    expect(await resolveArn(aws, ROOM, 'lobby')).toBe(ROOM_ARN('AAAAAAAAAAAA'));
    expect(aws.inputsOf('ListRooms')[0]).toEqual({ name: 'lobby' });
    expect(await resolveArn(aws, LOGGING_CONFIGURATION, 'last')).toBe(ROOM_ARN('EEEEEEEEEEEE'));
    expect(aws.inputsOf('ListLoggingConfigurations').map((i) => i.name)).toEqual([undefined, undefined, undefined]);
    aws.verify();
  });

  it('ambiguous names are usage errors listing the ARNs; unknown ones are not-found (254)', async () => {
    const aws = ivs();
    const amb = await failure(resolveArn(aws, ROOM, 'twin'));
    expect(amb?.exitCode).toBe(252);
    expect(amb?.message).toBe("room name 'twin' is ambiguous: 2 rooms have it");
    expect(amb?.details).toEqual([ROOM_ARN('BBBBBBBBBBBB'), ROOM_ARN('CCCCCCCCCCCC')]);
    const missing = await failure(resolveArn(aws, LOGGING_CONFIGURATION, 'nope'));
    expect(missing?.exitCode).toBe(254);
    expect(missing?.code).toBe('ResourceNotFoundException');
    expect(missing?.message).toBe("logging configuration 'nope' not found");
  });

  it('a value that cannot be an id or a name is a usage error before any call', async () => {
    const aws = fakeAws({});
    expect((await failure(resolveArn(aws, ROOM, 'two words')))?.exitCode).toBe(252);
    expect((await failure(resolveArn(aws, APP_INSTANCE, '')))?.exitCode).toBe(252);
    expect(aws.calls).toEqual([]);
  });

  it('resolves app instances by id (the ARN tail) or name, with the Chime not-found code', async () => {
    const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/0f8fad5b-d9cb-469f-a165-70867728950e';
    const aws = fakeAws({ ListAppInstances: () => ({ AppInstances: [{ AppInstanceArn: APP, Name: 'demo' }] }) }, 'identity');
    expect(await resolveArn(aws, APP_INSTANCE, 'demo')).toBe(APP);
    expect(await resolveArn(aws, APP_INSTANCE, '0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(APP);
    expect((await failure(resolveArn(aws, APP_INSTANCE, 'prod')))?.code).toBe('NotFoundException');
    aws.verify();
  });
});

describe('findByName (--if-not-exists)', () => {
  it('finds by name only: an id is not a name', async () => {
    const aws = ivs();
    expect(await findByName(aws, ROOM, 'lobby')).toEqual({ arn: ROOM_ARN('AAAAAAAAAAAA'), id: 'AAAAAAAAAAAA', name: 'lobby' });
    expect(await findByName(aws, ROOM, 'BBBBBBBBBBBB')).toBeUndefined();
    expect((await failure(findByName(aws, ROOM, 'twin')))?.exitCode).toBe(252);
  });
});

describe('resolveBot', () => {
  const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';
  const ID = '5d26ae8c-e116-43cb-8416-ec7fd65c67bb';
  const bots = () => fakeAws({ ListAppInstanceBots: () => ({ AppInstanceBots: [{ AppInstanceBotArn: `${APP}/bot/${ID}`, Name: 'helper' }] }) }, 'identity');

  it('expands an id, also written bot/<id>, without a call', async () => {
    const aws = fakeAws({});
    expect(await resolveBot({ aws, app: () => APP }, ID)).toBe(`${APP}/bot/${ID}`);
    expect(await resolveBot({ aws, app: () => APP }, `bot/${ID}`)).toBe(`${APP}/bot/${ID}`);
    expect(aws.calls).toEqual([]);
  });

  it('looks a name up among the bots of the app instance', async () => {
    const aws = bots();
    expect(await resolveBot({ aws, app: () => APP }, 'bot/helper')).toBe(`${APP}/bot/${ID}`);
    expect(aws.inputsOf('ListAppInstanceBots')).toEqual([{ AppInstanceArn: APP }]);
    aws.verify();
  });
});

describe('token create output', () => {
  function setup(tty: boolean, output?: string) {
    const io = testIO({ tty });
    const settings = resolveSettings({ ...(output ? { output } : {}) }, { XDG_CONFIG_HOME: '/nonexistent' }, tty);
    const aws = fakeAws(
      {
        ListRooms: twoPerPage('rooms', rooms),
        CreateChatToken: () => ({
          token: 'SECRET-TOKEN-VALUE',
          tokenExpirationTime: new Date('2030-01-01T00:01:00Z'),
          sessionExpirationTime: new Date('2030-01-01T01:00:00Z'),
        }),
      },
      'ivschat',
    );
    return { io, aws, deps: depsFor(io, settings, aws) };
  }
  const opts = { room: 'lobby', userId: 'alice', capability: ['delete_message', 'SEND_MESSAGE', 'DELETE_MESSAGE'], duration: 5 };

  it('the table on a terminal shows the token; capabilities are sent once each, upper-cased', async () => {
    const { io, aws, deps } = setup(true);
    await createToken(opts, deps);
    expect(io.stdout()).toMatch(/token\s+SECRET-TOKEN-VALUE/);
    expect(io.stderr()).not.toContain('SECRET-TOKEN-VALUE');
    expect(aws.inputsOf('CreateChatToken')).toEqual([
      { roomIdentifier: ROOM_ARN('AAAAAAAAAAAA'), userId: 'alice', capabilities: ['DELETE_MESSAGE', 'SEND_MESSAGE'], sessionDurationInMinutes: 5, attributes: undefined },
    ]);
    aws.verify();
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

  it('an unknown capability is refused before any call, listing the model values', async () => {
    const { aws, deps } = setup(false, 'json');
    const err = await failure(createToken({ ...opts, capability: ['FLY'] }, deps));
    expect(err?.exitCode).toBe(252);
    expect(err?.hint).toBe('valid capabilities: SEND_MESSAGE, DISCONNECT_USER, DELETE_MESSAGE');
    expect(aws.calls).toEqual([]);
  });
});

// tail room and room send, in process against a real emulator over real WebSockets: what the
// issue checks (a room send message, a send-event event and a delete-message delete event are
// printed; DisconnectUser ends the tail), exit codes, and the ERROR path of room send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { CliError } from '../../src/io/errors.js';
import { sendRoomMessage, tailRoom } from '../../src/tail/ivs.js';
import { ivs } from '../../src/emulator/services/ivschat/state.js';
import { depsFor, emulator, jsonLines, waitFor } from './helpers.js';

let emu: Emulator;
let roomArn: string;

beforeAll(async () => {
  emu = await emulator();
  const deps = depsFor(emu);
  roomArn = (await deps.aws.call('ivschat', 'CreateRoom', { name: 'lobby', maximumMessageLength: 20 } as any)).arn!;
});
afterAll(() => emu?.close());

const connected = (deps: ReturnType<typeof depsFor>) => waitFor(() => deps.io.stderr().includes('connected to room'), 3000, 'the connected line');

describe('tail room', () => {
  it('prints a sent message, an application event and a delete event as jsonl, then exits 0 at --count', async () => {
    const tail = depsFor(emu);
    const done = tailRoom({ room: 'lobby', count: 3, timeoutMs: 5000 }, tail);
    await connected(tail);

    const sent = await sendRoomMessage({ room: roomArn, text: 'hello room', userId: 'alice', attribute: { mood: 'ok' } }, depsFor(emu));
    const admin = depsFor(emu);
    await admin.aws.call('ivschat', 'SendEvent', { roomIdentifier: roomArn, eventName: 'app:poll', attributes: { q: 'lunch?' } } as any);
    await admin.aws.call('ivschat', 'DeleteMessage', { roomIdentifier: roomArn, id: sent.Id as string, reason: 'spam' } as any);

    expect(await done).toBe(0);
    const lines = jsonLines(tail.io.stdout());
    expect(lines.map((l) => [l.type, l.eventName])).toEqual([
      ['MESSAGE', undefined],
      ['EVENT', 'app:poll'],
      ['EVENT', 'aws:DELETE_MESSAGE'],
    ]);
    expect(lines[0]).toMatchObject({ source: 'ivs', roomArn, sender: 'alice', payload: { Content: 'hello room', Attributes: { mood: 'ok' }, Id: sent.Id } });
    expect(lines[2].payload.Attributes).toEqual({ MessageId: sent.Id, MessageID: sent.Id, Reason: 'spam' });
  });

  it('ends with exit 0 when the user is disconnected (DisconnectUser)', async () => {
    const tail = depsFor(emu);
    const done = tailRoom({ room: roomArn, userId: 'watcher' }, tail);
    await connected(tail);
    await depsFor(emu).aws.call('ivschat', 'DisconnectUser', { roomIdentifier: roomArn, userId: 'watcher' } as any);
    expect(await done).toBe(0);
    expect(tail.io.stderr()).toMatch(/the server ended the session \(1000/);
    expect(jsonLines(tail.io.stdout()).at(-1)).toMatchObject({ type: 'EVENT', eventName: 'aws:DISCONNECT_USER' });
  });

  it('filters: --event-type and --sender, and --timeout before --count exits 124', async () => {
    const tail = depsFor(emu);
    const done = tailRoom({ room: roomArn, sender: ['bob'], eventType: ['MESSAGE'], count: 2, timeoutMs: 800 }, tail);
    await connected(tail);
    await sendRoomMessage({ room: roomArn, text: 'from alice', userId: 'alice' }, depsFor(emu));
    await sendRoomMessage({ room: roomArn, text: 'from bob', userId: 'bob' }, depsFor(emu));
    expect(await done).toBe(124);
    expect(jsonLines(tail.io.stdout()).map((l) => l.payload.Content)).toEqual(['from bob']);
  });

  it('prints one readable line per event on a terminal, remote text stripped of escapes', async () => {
    const tail = depsFor(emu, { output: 'table' });
    const done = tailRoom({ room: roomArn, count: 1 }, tail);
    await connected(tail);
    await sendRoomMessage({ room: roomArn, text: 'hi \x1b[31mred\x1b[0m\x07!', userId: 'eve' }, depsFor(emu));
    expect(await done).toBe(0);
    expect(tail.io.stdout()).toMatch(/^\d\d:\d\d:\d\d {2}[A-Za-z0-9]{12} {2}eve {2}MESSAGE {2}hi red!\n$/);
  });
});

describe('tail room session renewal', () => {
  it('hands over to a new connection before the session ends, without a gap or a duplicate', async () => {
    const deps = depsFor(emu);
    // Sessions last at least a minute; shorten the first one on both sides to 1.2 s.
    let shortened = false;
    const aws = {
      planned: [],
      async call(service: any, operation: any, input: any) {
        const out: any = await deps.aws.call(service, operation, input);
        if (operation === 'CreateChatToken' && !shortened) {
          shortened = true;
          const ends = new Date(Date.now() + 1200);
          ivs(emu.state).tokens[out.token]!.sessionExpirationTime = ends;
          out.sessionExpirationTime = ends;
        }
        return out;
      },
    } as any;
    const tail = { ...deps, aws };
    const done = tailRoom({ room: roomArn, count: 2, timeoutMs: 4000 }, tail);
    await connected(deps);
    await sendRoomMessage({ room: roomArn, text: 'first session', userId: 'alice' }, depsFor(emu));
    await waitFor(() => deps.io.stderr().includes('renewed the session'), 2000, 'the renewal');
    await new Promise((r) => setTimeout(r, 800)); // past the first session's end
    await sendRoomMessage({ room: roomArn, text: 'second session', userId: 'alice' }, depsFor(emu));
    expect(await done).toBe(0);
    expect(jsonLines(deps.io.stdout()).map((l) => l.payload.Content)).toEqual(['first session', 'second session']);
    expect(deps.io.stderr()).not.toMatch(/connection lost|ended the session/);
  });
});

describe('room send', () => {
  it('exits 254 with the ERROR frame when the room refuses the message', async () => {
    const err = await sendRoomMessage({ room: roomArn, text: 'x'.repeat(21), userId: 'alice' }, depsFor(emu)).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(254);
    expect(err.message).toMatch(/^SendMessage: 400: Message length 21 exceeds/);
  });
});

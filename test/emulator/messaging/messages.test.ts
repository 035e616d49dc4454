// Channel messages: size limits at their exact edges, persistence, targeted messages,
// update/redact/delete, listing order, time window and pages, status, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteChannelMessageCommand,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  ListChannelMessagesCommand,
  RedactChannelMessageCommand,
  UpdateChannelMessageCommand,
  type ListChannelMessagesCommandInput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { createChannel, forbidden, refused, sendMessage, world, type World } from './setup.js';

let w: World;
let channel: string;
beforeAll(async () => {
  w = await world();
  channel = await createChannel(w, { Name: 'talk', MemberArns: [w.users.alice, w.users.bob, w.users.carol] });
});
afterAll(() => w?.emu.close());

const badRequest = (p: Promise<unknown>) => refused(p, 'BadRequestException', 400);
const list = async (bearer: string, extra: Partial<ListChannelMessagesCommandInput> = {}) =>
  (await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: channel, ChimeBearer: bearer, ...extra }))).ChannelMessages!;
const get = (bearer: string, id: string) => w.chime.send(new GetChannelMessageCommand({ ChannelArn: channel, ChimeBearer: bearer, MessageId: id }));

describe('size limits', () => {
  it('STANDARD: content up to 4 KB and metadata up to 1 KB, in UTF-8 bytes', async () => {
    await sendMessage(w, channel, w.users.alice, 'x'.repeat(4096), { Metadata: 'm'.repeat(1024) });
    const tooLong = await badRequest(sendMessage(w, channel, w.users.alice, 'x'.repeat(4097)));
    expect(tooLong.message).toContain('4097 bytes');
    // 2-byte characters: 2049 code points are 4098 bytes.
    await badRequest(sendMessage(w, channel, w.users.alice, 'é'.repeat(2049)));
    // 513 code points pass the model's 1024-character limit, but are 1026 bytes.
    await badRequest(sendMessage(w, channel, w.users.alice, 'ok', { Metadata: 'é'.repeat(513) }));
  });

  it('CONTROL: up to 30 bytes and no metadata', async () => {
    await sendMessage(w, channel, w.users.alice, 'c'.repeat(30), { Type: 'CONTROL' });
    await badRequest(sendMessage(w, channel, w.users.alice, 'c'.repeat(31), { Type: 'CONTROL' }));
    await badRequest(sendMessage(w, channel, w.users.alice, 'c', { Type: 'CONTROL', Metadata: 'm' }));
  });
});

describe('visibility', () => {
  it('NON_PERSISTENT messages are neither stored nor listed', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'ephemeral', { Persistence: 'NON_PERSISTENT' });
    expect((await list(w.users.bob)).map((m) => m.MessageId)).not.toContain(id);
    await refused(get(w.users.alice, id), 'NotFoundException', 404);
  });

  it('a targeted message is visible only to its target and sender; admins still delete it', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'psst', { Target: [{ MemberArn: w.users.bob }] });
    expect((await get(w.users.bob, id)).ChannelMessage).toMatchObject({ Content: 'psst', Target: [{ MemberArn: w.users.bob }] });
    expect((await get(w.users.alice, id)).ChannelMessage!.MessageId).toBe(id);
    await refused(get(w.users.carol, id), 'NotFoundException', 404);
    expect((await list(w.users.carol)).map((m) => m.MessageId)).not.toContain(id);
    expect((await list(w.users.bob)).map((m) => m.MessageId)).toContain(id);
    await w.chime.send(new DeleteChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id }));
    await refused(get(w.users.bob, id), 'NotFoundException', 404);
  });

  it('non-members read PUBLIC channels but not PRIVATE ones, and never send', async () => {
    await sendMessage(w, channel, w.users.alice, 'public hello');
    expect((await list(w.users.dave)).map((m) => m.Content)).toContain('public hello');
    await forbidden(sendMessage(w, channel, w.users.dave, 'let me in'));
    const priv = await createChannel(w, { Privacy: 'PRIVATE', MemberArns: [w.users.alice] });
    const id = await sendMessage(w, priv, w.users.alice, 'secret');
    await forbidden(w.chime.send(new ListChannelMessagesCommand({ ChannelArn: priv, ChimeBearer: w.users.dave })));
    await forbidden(w.chime.send(new GetChannelMessageCommand({ ChannelArn: priv, ChimeBearer: w.users.dave, MessageId: id })));
    // Admins and moderators send only through a membership of their own.
    await forbidden(sendMessage(w, priv, w.users.admin, 'from the admin'));
  });
});

describe('update, redact, delete, status', () => {
  it('UpdateChannelMessage edits the sender\'s own message in place', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'frist', { Metadata: 'meta' });
    const out = await w.chime.send(new UpdateChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.alice, MessageId: id, Content: 'first' }));
    expect(out).toMatchObject({ ChannelArn: channel, MessageId: id, Status: { Value: 'SENT' } });
    const { ChannelMessage } = await get(w.users.bob, id);
    expect(ChannelMessage).toMatchObject({ MessageId: id, Content: 'first', Metadata: 'meta' });
    expect(ChannelMessage!.LastEditedTimestamp).toBeInstanceOf(Date);
    await forbidden(w.chime.send(new UpdateChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.bob, MessageId: id, Content: 'mine now' })));
    await forbidden(w.chime.send(new UpdateChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id, Content: 'admin edit' })));
  });

  it('RedactChannelMessage empties the content, keeps the metadata, marks it redacted', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'oops', { Metadata: 'keep me' });
    await forbidden(w.chime.send(new RedactChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.alice, MessageId: id })));
    const out = await w.chime.send(new RedactChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id }));
    expect(out).toMatchObject({ ChannelArn: channel, MessageId: id });
    const listed = (await list(w.users.bob)).find((m) => m.MessageId === id)!;
    expect(listed).toMatchObject({ Redacted: true, Metadata: 'keep me' });
    expect(listed.Content ?? '').toBe('');
  });

  it('DeleteChannelMessage is for admins only and removes the message from lists', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'delete me');
    await forbidden(w.chime.send(new DeleteChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.alice, MessageId: id })));
    await w.chime.send(new DeleteChannelMessageCommand({ ChannelArn: channel, ChimeBearer: w.users.admin, MessageId: id }));
    expect((await list(w.users.alice)).map((m) => m.MessageId)).not.toContain(id);
  });

  it('GetChannelMessageStatus answers the sender only', async () => {
    const id = await sendMessage(w, channel, w.users.alice, 'status?');
    const s = await w.chime.send(new GetChannelMessageStatusCommand({ ChannelArn: channel, ChimeBearer: w.users.alice, MessageId: id }));
    expect(s.Status).toEqual({ Value: 'SENT' });
    await forbidden(w.chime.send(new GetChannelMessageStatusCommand({ ChannelArn: channel, ChimeBearer: w.users.bob, MessageId: id })));
  });
});

describe('ListChannelMessages', () => {
  it('newest first by default, oldest first on request, NotBefore/NotAfter, page by page', async () => {
    const ch = await createChannel(w, { MemberArns: [w.users.alice] });
    const ids: string[] = [];
    const times: Date[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await sendMessage(w, ch, w.users.alice, `m${i}`));
      times.push((await w.chime.send(new GetChannelMessageCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, MessageId: ids[i]! }))).ChannelMessage!.CreatedTimestamp!);
      await new Promise((r) => setTimeout(r, 3)); // distinct timestamps
    }
    const listOf = async (extra: Partial<ListChannelMessagesCommandInput>) =>
      (await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, ...extra }))).ChannelMessages!.map((m) => m.Content);
    expect(await listOf({})).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(await listOf({ SortOrder: 'ASCENDING' })).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(await listOf({ SortOrder: 'ASCENDING', NotBefore: times[1], NotAfter: times[3] })).toEqual(['m1', 'm2', 'm3']);

    const pages: string[][] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const p = await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, MaxResults: 2, NextToken: token }));
      pages.push(p.ChannelMessages!.map((m) => m.Content!));
      token = p.NextToken;
      if (!token) break;
    }
    expect(pages).toEqual([['m4', 'm3'], ['m2', 'm1'], ['m0']]);

    // A token names the next message: deleting it before the next page voids the token.
    const first = await w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, MaxResults: 2 }));
    await w.chime.send(new DeleteChannelMessageCommand({ ChannelArn: ch, ChimeBearer: w.users.admin, MessageId: ids[2]! }));
    await refused(
      w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, MaxResults: 2, NextToken: first.NextToken })),
      'BadRequestException',
      400,
    );
    // A token is bound to its parameters.
    await refused(
      w.chime.send(new ListChannelMessagesCommand({ ChannelArn: ch, ChimeBearer: w.users.alice, SortOrder: 'ASCENDING', NextToken: first.NextToken })),
      'BadRequestException',
      400,
    );
  });
});

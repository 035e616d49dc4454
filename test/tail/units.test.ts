// Pure pieces of tail: filters, backoff, rendering and sanitising, Chime frame parsing and the
// retryable close codes.
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/tail/backoff.js';
import { channelEvent, isRetryableClose, parseFrame } from '../../src/tail/chime.js';
import { buildFilter } from '../../src/tail/filters.js';
import { EventPrinter, jsonLine, sanitize, tailFormat } from '../../src/tail/render.js';
import { roomEvent } from '../../src/tail/ivs.js';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';
import { duration } from '../../src/commands/tail/index.js';
import type { TailEvent } from '../../src/tail/types.js';

const CH = 'arn:aws:chime:us-east-1:123456789012:app-instance/ai/channel/general';
const ALICE = 'arn:aws:chime:us-east-1:123456789012:app-instance/ai/user/alice';

const message = (over: Partial<TailEvent> = {}): TailEvent => ({
  ts: '2024-01-01T12:00:00.000Z',
  source: 'chime',
  type: 'CREATE_CHANNEL_MESSAGE',
  messageType: 'STANDARD',
  channelArn: CH,
  sender: ALICE,
  senderName: 'Alice',
  text: 'Deploy finished',
  payload: {},
  ...over,
});

describe('filters', () => {
  it('OR within a flag, AND across flags', () => {
    const f = buildFilter({ eventType: ['create_channel_message', 'UPDATE_CHANNEL_MESSAGE'], sender: ['bob', 'alice'], search: ['deploy'] }, 'chime');
    expect(f(message())).toBe(true);
    expect(f(message({ type: 'UPDATE_CHANNEL_MESSAGE' }))).toBe(true);
    expect(f(message({ type: 'DELETE_CHANNEL_MESSAGE' }))).toBe(false);
    expect(f(message({ sender: ALICE.replace('alice', 'carol'), senderName: 'Carol' }))).toBe(false);
    expect(f(message({ text: 'lunch?' }))).toBe(false);
  });

  it('matches senders by ARN, short id or name; channels by ARN; message types', () => {
    expect(buildFilter({ sender: [ALICE] }, 'chime')(message())).toBe(true);
    expect(buildFilter({ sender: ['Alice'] }, 'chime')(message())).toBe(true);
    expect(buildFilter({ sender: ['ali'] }, 'chime')(message())).toBe(false);
    expect(buildFilter({ channels: [CH] }, 'chime')(message())).toBe(true);
    expect(buildFilter({ channels: [CH + 'x'] }, 'chime')(message())).toBe(false);
    expect(buildFilter({ messageType: ['control'] }, 'chime')(message())).toBe(false);
    expect(buildFilter({ messageType: ['standard'] }, 'chime')(message())).toBe(true);
  });

  it('rejects unknown values up front as usage errors (252)', () => {
    const err = (() => {
      try {
        buildFilter({ eventType: ['CREATE_MESSAGE'] }, 'chime');
      } catch (e) {
        return e as CliError;
      }
    })();
    expect(err).toBeInstanceOf(CliError);
    expect(err!.exitCode).toBe(252);
    expect(err!.hint).toContain('CREATE_CHANNEL_MESSAGE');
    expect(() => buildFilter({ messageType: ['LOUD'] }, 'chime')).toThrow(/--message-type/);
  });

  it('IVS: --event-type matches the frame type or the event name', () => {
    const f = buildFilter({ eventType: ['message', 'aws:DELETE_MESSAGE'] }, 'ivs');
    expect(f({ ts: '', source: 'ivs', type: 'MESSAGE', payload: {} })).toBe(true);
    expect(f({ ts: '', source: 'ivs', type: 'EVENT', eventName: 'aws:DELETE_MESSAGE', payload: {} })).toBe(true);
    expect(f({ ts: '', source: 'ivs', type: 'EVENT', eventName: 'app:poll', payload: {} })).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles from 1 s to 16 s with ±20% jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(DEFAULT_BACKOFF, a, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 16000]);
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(800);
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0.999999)).toBe(1200);
    expect(DEFAULT_BACKOFF.maxAttempts).toBe(5);
  });

  it('retries exactly the close codes the service documents as retryable', () => {
    const retried = [1000, 1001, 1005, 1006, 1008, 1011, 1012, 1013, 1014, 1015, 4000, 4001, 4002, 4003, 4400, 4401, 4999].filter(isRetryableClose);
    expect(retried).toEqual([1001, 1006, 1011, 1012, 1013, 1014, 4001, 4400, 4999]);
  });
});

describe('render', () => {
  it('sanitize removes escape sequences, controls and bidi overrides, keeps one line', () => {
    expect(sanitize('a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\r\nd\te\x00\x9b\u202ef')).toBe('ared bc d ef');
  });

  it('pretty: time, channel name when known, sender, type, text', () => {
    const io = testIO();
    const p = new EventPrinter(io, 'pretty');
    p.print(message({ text: 'hi\x1b[2J' }));
    p.print({ ts: '2024-01-01T12:00:01Z', source: 'chime', type: 'UPDATE_CHANNEL', channelArn: CH, text: 'General', payload: { ChannelArn: CH, Name: 'General' } });
    p.print(message({ text: 'again', backfill: true }));
    expect(io.stdout()).toBe(''); // written once, at the end of this turn of the event loop
    p.flush();
    const lines = io.stdout().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}general {2}Alice {2}CREATE_CHANNEL_MESSAGE {2}hi$/);
    expect(lines[2]).toMatch(/ {2}General {2}Alice {2}CREATE_CHANNEL_MESSAGE \(backfill\) {2}again$/);
  });

  it('jsonl: one compact object per line with the documented keys; the received payload text is copied', () => {
    expect(JSON.parse(jsonLine(message({ payload: { Content: 'x' }, payloadJson: '{"Content":"x"}' }))).payload).toEqual({ Content: 'x' });
    const line = jsonLine(message({ payload: { Content: 'x' } }));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim()).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ ts: '2024-01-01T12:00:00.000Z', source: 'chime', type: 'CREATE_CHANNEL_MESSAGE', messageType: 'STANDARD', channelArn: CH, sender: ALICE, payload: { Content: 'x' } });
  });

  it('-o json/jsonl print NDJSON, table/text lines; other formats are usage errors', () => {
    expect(tailFormat({ output: 'json' })).toBe('jsonl');
    expect(tailFormat({ output: 'text' })).toBe('pretty');
    expect(() => tailFormat({ output: 'yaml' })).toThrow(/-o yaml/);
  });

  it('--timeout durations', () => {
    expect([duration('30s'), duration('5m'), duration('500ms'), duration('2'), duration('1.5s')]).toEqual([30000, 300000, 500, 2000, 1500]);
    expect(() => duration('soon')).toThrow(/not a duration/);
  });
});

describe('frames', () => {
  it('Chime: Payload is parsed a second time; a missing one is tolerated', () => {
    const payload = { ChannelArn: CH, MessageId: 'm1', Content: 'hi', Sender: { Arn: ALICE, Name: 'Alice' }, CreatedTimestamp: '2024-01-01T00:00:00.000Z' };
    const frame = parseFrame(JSON.stringify({ Headers: { 'x-amz-chime-event-type': 'CREATE_CHANNEL_MESSAGE', 'x-amz-chime-message-type': 'STANDARD' }, Payload: JSON.stringify(payload) }))!;
    expect(frame).toEqual({ type: 'CREATE_CHANNEL_MESSAGE', messageType: 'STANDARD', payload, payloadJson: JSON.stringify(payload) });
    expect(channelEvent(frame.type, frame.messageType, frame.payload)).toMatchObject({ channelArn: CH, sender: ALICE, text: 'hi', id: 'm1', key: 'create:m1', ts: '2024-01-01T00:00:00.000Z' });
    expect(parseFrame('{"Headers":{"x-amz-chime-event-type":"SESSION_ESTABLISHED"}}')).toEqual({ type: 'SESSION_ESTABLISHED', messageType: undefined, payload: {} });
    expect(parseFrame('not json')).toBeUndefined();
    // Epoch seconds are accepted as well as ISO strings; unknown types pass through.
    expect(channelEvent('SOMETHING_NEW', 'SYSTEM', { ChannelArn: CH, LastUpdatedTimestamp: 1704067200 })).toMatchObject({ type: 'SOMETHING_NEW', ts: '2024-01-01T00:00:00.000Z' });
  });

  it('IVS: MESSAGE, EVENT and ERROR frames', () => {
    const room = 'arn:aws:ivschat:us-east-1:123456789012:room/abc';
    expect(roomEvent(room, '{"Type":"MESSAGE","Id":"AAAAAAAAAAAA","Content":"hi","SendTime":"2024-01-01T00:00:00Z","Sender":{"UserId":"u"}}')).toMatchObject({
      type: 'MESSAGE',
      sender: 'u',
      text: 'hi',
      key: 'MESSAGE:AAAAAAAAAAAA',
    });
    expect(roomEvent(room, '{"Type":"EVENT","Id":"B","EventName":"aws:DELETE_MESSAGE","Attributes":{"MessageID":"x"}}')).toMatchObject({ eventName: 'aws:DELETE_MESSAGE', text: 'MessageID=x' });
    expect(roomEvent(room, '{"Type":"ERROR","Id":"C","ErrorCode":429,"ErrorMessage":"slow down"}')).toMatchObject({ type: 'ERROR', text: '429 slow down' });
  });
});

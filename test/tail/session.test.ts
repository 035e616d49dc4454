// The reconnect loop with scripted connections (no network): which closes are retried, giving
// up with 255 after the attempts, 254 for a refused session, a clean server close, backfill
// while live events wait, de-duplication, and --count.
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/io/errors.js';
import { testIO } from '../../src/io/streams.js';
import { EventPrinter } from '../../src/tail/render.js';
import { runTail, type Connector, type Link } from '../../src/tail/session.js';
import type { CloseInfo, TailEvent } from '../../src/tail/types.js';

const FAST = { baseMs: 1, maxMs: 4, jitter: 0.2, maxAttempts: 3 };

function deps() {
  return { io: testIO(), settings: { quiet: false } as any, aws: {} as any };
}

/** A link that closes with `close` after delivering `events`. */
function scripted(deliver: (e: TailEvent) => void, events: TailEvent[], close?: CloseInfo): Link {
  let closeNow!: (c: CloseInfo) => void;
  const closed = new Promise<CloseInfo>((r) => (closeNow = r));
  setTimeout(() => {
    for (const e of events) deliver(e);
    if (close) closeNow(close);
  }, 2);
  return { closed, close: (code) => closeNow({ code, reason: '' }) };
}

const msg = (id: string, extra: Partial<TailEvent> = {}): TailEvent => ({ ts: '2024-01-01T00:00:00.000Z', source: 'chime', type: 'CREATE_CHANNEL_MESSAGE', key: `create:${id}`, text: id, payload: { MessageId: id }, ...extra });

function connector(plan: Array<(deliver: (e: TailEvent) => void) => Link | Error>, extra: Partial<Connector> = {}): Connector & { opens: number } {
  const c: Connector & { opens: number } = {
    opens: 0,
    target: 'channel test',
    async open(deliver: (e: TailEvent) => void): Promise<Link> {
      const step: Link | Error = plan[Math.min(c.opens++, plan.length - 1)]!(deliver);
      if (step instanceof Error) throw step;
      return step;
    },
    retryable: (close: CloseInfo) => close.code === 1006 || close.code === 1012,
    retryableError: () => true,
    ...extra,
  };
  return c;
}

const lines = (d: ReturnType<typeof deps>) => d.io.stdout().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).payload.MessageId);

describe('runTail', () => {
  it('reconnects after a retryable close, backfills while live events wait, prints each message once', async () => {
    const d = deps();
    const c = connector(
      [
        (deliver) => scripted(deliver, [msg('a')], { code: 1012, reason: 'restart' }),
        (deliver) => scripted(deliver, [msg('c'), msg('b')]), // live frames that arrive during the backfill
      ],
      {
        afterReconnect: async (print) => {
          await new Promise((r) => setTimeout(r, 20));
          print(msg('a', { backfill: true }));
          print(msg('b', { backfill: true }));
          return 'backfill: 2 listed';
        },
      },
    );
    const code = await runTail(d, c, { filter: () => true, printer: new EventPrinter(d.io, 'jsonl'), count: 3, timeoutMs: 2000, backoff: FAST });
    expect(code).toBe(0);
    expect(lines(d)).toEqual(['a', 'b', 'c']);
    expect(d.io.stderr()).toMatch(/! connection lost \(code 1012\); reconnecting in 0\.0s \(attempt 1\/3\)\nreconnected to channel test; listing the messages sent between .*\nbackfill: 2 listed\n/);
  });

  it('gives up with 255 after the attempts, one stderr line per attempt', async () => {
    const d = deps();
    const c = connector([(deliver) => scripted(deliver, [], { code: 1006, reason: '' }), () => new Error('ECONNREFUSED')]);
    const err = await runTail(d, c, { filter: () => true, printer: new EventPrinter(d.io, 'jsonl'), backoff: FAST }).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(255);
    expect(err.message).toBe('lost connection to channel test after 3 attempts');
    expect(c.opens).toBe(4);
    expect(d.io.stderr().match(/^! /gm)).toHaveLength(3);
  });

  it('a refused session (4401) is 254; a clean server close (1000) is 0; neither is retried', async () => {
    const refused = deps();
    const c1 = connector([(deliver) => scripted(deliver, [], { code: 4401, reason: 'Not authorized' })]);
    await expect(runTail(refused, c1, { filter: () => true, printer: new EventPrinter(refused.io, 'jsonl'), backoff: FAST })).rejects.toMatchObject({ exitCode: 254 });
    expect(c1.opens).toBe(1);
    const ended = deps();
    const c2 = connector([(deliver) => scripted(deliver, [msg('x')], { code: 1000, reason: 'bye' })]);
    expect(await runTail(ended, c2, { filter: () => true, printer: new EventPrinter(ended.io, 'jsonl'), backoff: FAST })).toBe(0);
    expect(ended.io.stderr()).toContain('the server ended the session (1000: bye)');
    expect(c2.opens).toBe(1);
  });

  it('the first connection failing is an error at once, not retried', async () => {
    const d = deps();
    const c = connector([() => new CliError('cannot reach', 255)]);
    await expect(runTail(d, c, { filter: () => true, printer: new EventPrinter(d.io, 'jsonl'), backoff: FAST })).rejects.toThrow('cannot reach');
    expect(c.opens).toBe(1);
  });
});

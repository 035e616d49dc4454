// flow create/list/get/update/delete/associate/disassociate/channels/callback against the
// emulator, and `channel list --flow`. alice moderates channel `ops`, bob is a member, carol is
// neither; flows need no --as, associating one does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
let flowArn: string;
let flowId: string;
const run = (...args: string[]) => e.run(['--app-instance', app, ...args]);
const as = (who: string, ...args: string[]) => run('--as', who, ...args);
const lines = (s: string) => s.split('\n').filter(Boolean);
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:filter';
const processor = (extra = 'fallback=ABORT') => `name=filter,lambda=${LAMBDA},${extra}`;
const requestsDuring = (action: () => Promise<unknown>) => e.requestsDuring(action);

beforeAll(async () => {
  e = await emulatorEnv();
  app = (await e.ok(['app-instance', 'create', 'flows-test', '-o', 'id'])).stdout.trim();
  for (const id of ['alice', 'bob', 'carol']) await e.ok(['--app-instance', app, 'user', 'create', id, '--name', id]);
  await e.ok(['--app-instance', app, '--as', 'alice', 'channel', 'create', 'Ops', '--id', 'ops', '--member', 'bob']);
});
afterAll(() => e?.close());

describe('flow create', () => {
  it('prints the new ARN; the processor is as given', async () => {
    const r = await run('flow', 'create', '--name', 'filter', '--processor', processor('order=1,fallback=abort'), '--tag', 'team=trust', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    flowArn = r.json().ChannelFlowArn;
    expect(flowArn.startsWith(`${app}/channel-flow/`)).toBe(true);
    flowId = flowArn.slice(flowArn.lastIndexOf('/') + 1);
    expect(r.stderr).toContain(`Created channel flow filter (${flowId})`);

    const got = await run('flow', 'get', flowId, '-o', 'json');
    expect(got.code, got.stderr).toBe(0);
    expect(got.json().ChannelFlow).toMatchObject({
      ChannelFlowArn: flowArn,
      Name: 'filter',
      Processors: [{ Name: 'filter', Configuration: { Lambda: { ResourceArn: LAMBDA, InvocationType: 'ASYNC' } }, ExecutionOrder: 1, FallbackAction: 'ABORT' }],
    });
  });

  it('--if-not-exists finds the flow by name and creates nothing', async () => {
    const requests = await requestsDuring(async () => {
      const r = await run('flow', 'create', '--name', 'filter', '--processor', processor(), '--if-not-exists', '-o', 'id');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${flowArn}\n`);
      expect(r.stderr).toContain('already exists');
    });
    expect(requests.some((q) => q.startsWith('messaging.CreateChannelFlow'))).toBe(false);
  });

  it('--dry-run plans the call and sends no write', async () => {
    let r: any;
    const requests = await requestsDuring(async () => {
      r = await run('flow', 'create', '--name', 'other', '--processor', processor('fallback=CONTINUE'), '--dry-run', '-o', 'json');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().operations).toEqual([
      {
        operation: 'CreateChannelFlow',
        input: {
          AppInstanceArn: app,
          Name: 'other',
          Processors: [{ Name: 'filter', Configuration: { Lambda: { ResourceArn: LAMBDA, InvocationType: 'ASYNC' } }, ExecutionOrder: 1, FallbackAction: 'CONTINUE' }],
        },
      },
    ]);
    expect(requests).toEqual([]);
  });

  it('checks --processor against the model before any call', async () => {
    const requests = await requestsDuring(async () => {
      const noFallback = await run('flow', 'create', '--name', 'x', '--processor', `name=p,lambda=${LAMBDA}`);
      expect(noFallback.code).toBe(252);
      expect(noFallback.stderr).toContain('fallback=CONTINUE|ABORT');
      const badFallback = await run('flow', 'create', '--name', 'x', '--processor', processor('fallback=RETRY'));
      expect(badFallback.code).toBe(252);
      expect(badFallback.stderr).toContain('must be one of CONTINUE, ABORT');
      // ExecutionOrder is 1-3 in the model.
      expect((await run('flow', 'create', '--name', 'x', '--processor', processor('order=4,fallback=ABORT'))).code).toBe(252);
      expect((await run('flow', 'create', '--name', 'x', '--processor', processor('order=0,fallback=ABORT'))).code).toBe(252);
      const unknown = await run('flow', 'create', '--name', 'x', '--processor', processor('timeout=3,fallback=ABORT'));
      expect(unknown.code).toBe(252);
      expect(unknown.stderr).toContain("'timeout=3' is not one of name=, lambda=, order=, fallback=, invocation=");
      const four = Array.from({ length: 4 }, (_, i) => ['--processor', processor(`order=${(i % 3) + 1},fallback=ABORT`)]).flat();
      const tooMany = await run('flow', 'create', '--name', 'x', ...four);
      expect(tooMany.code).toBe(252);
      expect(tooMany.stderr).toContain('--processor given 4 times; CreateChannelFlow takes at most 3');
      expect((await run('flow', 'create', '--name', 'x')).code).toBe(252);
      expect((await run('flow', 'create', '--name', '', '--processor', processor())).stderr).toContain('--name must be 1-256 characters (got 0)');
    });
    expect(requests).toEqual([]);
    // Without order=, processors run in the order given.
    const two = await run('flow', 'create', '--name', 'x', '--processor', processor(), '--processor', 'name=second,lambda=' + LAMBDA + ',fallback=CONTINUE', '--dry-run', '-o', 'json');
    expect(two.json().operations[0].input.Processors.map((p: any) => [p.Name, p.ExecutionOrder])).toEqual([['filter', 1], ['second', 2]]);
    // order=3 is inside the model's range (the dry run shows it passes the parser).
    const edge = await run('flow', 'create', '--name', 'x', '--processor', processor('order=3,fallback=ABORT'), '--dry-run', '-o', 'json');
    expect(edge.code, edge.stderr).toBe(0);
    expect(edge.json().operations[0].input.Processors[0].ExecutionOrder).toBe(3);
  });

  it('the service allows one processor a flow: two are its ResourceLimitExceeded (254)', async () => {
    const r = await run('flow', 'create', '--name', 'two', '--processor', processor(), '--processor', processor());
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: CreateChannelFlow: ResourceLimitExceededException: /);
  });
});

describe('flow list and get', () => {
  it('list shows the flows (json, -o id, --query, the app as a positional)', async () => {
    const j = await run('flow', 'list', '-o', 'json');
    expect(j.code, j.stderr).toBe(0);
    expect(j.json().ChannelFlows).toEqual([expect.objectContaining({ ChannelFlowArn: flowArn, Name: 'filter' })]);
    expect((await run('flow', 'ls', '-o', 'id')).stdout).toBe(`${flowArn}\n`);
    const q = await e.run(['flow', 'list', app, '--query', 'ChannelFlows[].Processors[].FallbackAction', '-o', 'json']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.json()).toEqual(['ABORT']);
    const t = await run('flow', 'list', '-o', 'text');
    expect(t.stdout.split('\t').slice(0, 3)).toEqual([flowId, 'filter', 'filter (ABORT)']);
  });

  it('get by ARN; -o id; a missing flow is 254', async () => {
    const r = await e.run(['flow', 'get', flowArn, '-o', 'id']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${flowArn}\n`);
    const missing = await run('flow', 'get', 'no-such-flow');
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain('NotFoundException');
  });
});

describe('flow update', () => {
  it('a new name keeps the processors; new processors keep the name', async () => {
    const n = await run('flow', 'update', flowId, '--name', 'strict', '-o', 'json');
    expect(n.code, n.stderr).toBe(0);
    expect(n.json()).toEqual({ ChannelFlowArn: flowArn });
    let got = (await run('flow', 'get', flowId, '-o', 'json')).json().ChannelFlow;
    expect(got).toMatchObject({ Name: 'strict', Processors: [{ FallbackAction: 'ABORT' }] });

    const p = await run('flow', 'update', flowId, '--processor', processor('fallback=CONTINUE'));
    expect(p.code, p.stderr).toBe(0);
    got = (await run('flow', 'get', flowId, '-o', 'json')).json().ChannelFlow;
    expect(got).toMatchObject({ Name: 'strict', Processors: [{ FallbackAction: 'CONTINUE' }] });
  });

  it('nothing to update is 252; --dry-run sends no write', async () => {
    expect((await run('flow', 'update', flowId)).code).toBe(252);
    const requests = await requestsDuring(async () => {
      const d = await run('flow', 'update', flowId, '--name', 'renamed', '--dry-run', '-o', 'json');
      expect(d.code, d.stderr).toBe(0);
      expect(d.json().operations[0]).toMatchObject({ operation: 'UpdateChannelFlow', input: { Name: 'renamed', Processors: [{ FallbackAction: 'CONTINUE' }] } });
    });
    expect(requests).toEqual(['messaging.DescribeChannelFlow 200']);
  });
});

describe('flow associate, channels, callback, disassociate', () => {
  it('associate needs --as (253) and a moderator or admin (254 for a member)', async () => {
    const noAs = await run('flow', 'associate', flowId, 'ops');
    expect(noAs.code).toBe(253);
    const member = await as('bob', 'flow', 'associate', flowId, 'ops');
    expect(member.code).toBe(254);
    expect(member.stderr).toMatch(/error: AssociateChannelFlow: ForbiddenException: /);
  });

  it('the moderator associates; the channel lists under the flow', async () => {
    const requests = await requestsDuring(async () => {
      expect((await as('alice', 'flow', 'associate', flowId, 'ops', '--dry-run')).code).toBe(0);
    });
    expect(requests).toEqual([]);
    const r = await as('alice', 'flow', 'associate', flowId, 'ops', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Channel ops now uses channel flow ${flowId}`);
    const again = await as('alice', 'flow', 'associate', flowId, 'ops');
    expect(again.code).toBe(254);
    expect(again.stderr).toContain('ConflictException');

    const channels = await run('flow', 'channels', flowId, '-o', 'json');
    expect(channels.code, channels.stderr).toBe(0);
    expect(channels.json().Channels).toEqual([expect.objectContaining({ ChannelArn: `${app}/channel/ops`, Name: 'Ops' })]);
    expect((await run('flow', 'channels', flowId, '-o', 'id')).stdout).toBe(`${app}/channel/ops\n`);
    const viaChannel = await run('channel', 'list', '--flow', flowArn, '-o', 'id');
    expect(viaChannel.code, viaChannel.stderr).toBe(0);
    expect(viaChannel.stdout).toBe(`${app}/channel/ops\n`);
  });

  it('a message stays PENDING until the callback lets it through, changed', async () => {
    const sent = await as('bob', 'message', 'send', 'ops', 'darn it', '-o', 'json');
    expect(sent.code, sent.stderr).toBe(0);
    const id = sent.json().MessageId;
    expect((await as('bob', 'message', 'status', 'ops', id, '-o', 'id')).stdout).toBe('PENDING\n');

    const requests = await requestsDuring(async () => {
      expect((await run('flow', 'callback', 'ops', '--message-id', id, '--dry-run')).code).toBe(0);
    });
    expect(requests).toEqual([]);
    const bad = await run('flow', 'callback', 'ops', '--message-id', id, '--deny', '--content', 'x');
    expect(bad.code).toBe(252);

    const cb = await run('flow', 'callback', 'ops', '--message-id', id, '--content', 'd*** it', '--callback-id', 'a'.repeat(32), '-o', 'json');
    expect(cb.code, cb.stderr).toBe(0);
    expect(cb.json()).toEqual({ ChannelArn: `${app}/channel/ops`, CallbackId: 'a'.repeat(32) });
    expect(cb.stderr).toContain(`Let message ${id} through`);
    expect((await as('bob', 'message', 'status', 'ops', id, '-o', 'id')).stdout).toBe('SENT\n');
    expect((await as('bob', 'message', 'get', 'ops', id, '--query', 'ChannelMessage.Content', '-o', 'json')).json()).toBe('d*** it');

    // CallbackId is 32-64 characters in the model: one short is the service's 400 (254).
    const short = await run('flow', 'callback', 'ops', '--message-id', id, '--callback-id', 'a'.repeat(31));
    expect(short.code).toBe(254);
  });

  it('--deny drops the message; -o id prints the callback id', async () => {
    const id = (await as('bob', 'message', 'send', 'ops', 'spam', '-o', 'json')).json().MessageId;
    const cb = await run('flow', 'callback', 'ops', '--message-id', id, '--deny', '-o', 'id');
    expect(cb.code, cb.stderr).toBe(0);
    expect(cb.stdout).toMatch(/^\S{32,64}\n$/);
    expect(cb.stderr).toContain(`Denied message ${id}`);
    expect((await as('bob', 'message', 'get', 'ops', id)).code).toBe(254);
  });

  it('delete refuses a flow in use (254 Conflict)', async () => {
    const r = await run('flow', 'delete', flowId, '--yes');
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: DeleteChannelFlow: ConflictException: /);
  });

  it('disassociate; again is NotFound (254)', async () => {
    const r = await as('alice', 'flow', 'disassociate', flowId, 'ops');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Channel ops no longer uses channel flow ${flowId}`);
    const channels = await run('flow', 'channels', flowId, '-o', 'text');
    expect(channels.stdout).toBe('');
    expect(channels.stderr).toContain('No channels found.');
    const again = await as('alice', 'flow', 'disassociate', flowId, 'ops');
    expect(again.code).toBe(254);
    expect(again.stderr).toContain('NotFoundException');
  });
});

describe('flow delete', () => {
  it('refuses without --yes; --dry-run and --ignore-not-found; deletes', async () => {
    const requests = await requestsDuring(async () => {
      const refused = await run('flow', 'delete', flowId);
      expect(refused.code).toBe(252);
      expect(refused.stderr).toContain(`refusing to delete channel flow ${flowId} without confirmation`);
      expect((await run('flow', 'delete', flowId, '--dry-run')).code).toBe(0);
    });
    expect(requests).toEqual([]);

    const r = await run('flow', 'delete', flowId, '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Deleted channel flow ${flowId}`);
    expect((await run('flow', 'list', '-o', 'id')).stdout).toBe('');
    const again = await run('flow', 'rm', flowId, '--yes', '--ignore-not-found');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('not found; nothing to do');
  });
});

// streaming get/set/delete against the emulator: Kinesis streams per data type of an app instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
const run = (...args: string[]) => e.run(['--app-instance', app, ...args]);
const stream = (name: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/${name}`;
const AUDIT = stream('chime-messaging-audit');
const EVENTS = stream('chime-messaging-events');
const requestsDuring = (action: () => Promise<unknown>) => e.requestsDuring(action);

beforeAll(async () => {
  e = await emulatorEnv();
  app = (await e.ok(['app-instance', 'create', 'streaming-test', '-o', 'id'])).stdout.trim();
});
afterAll(() => e?.close());

describe('streaming', () => {
  it('get before any set is the service NotFound (254)', async () => {
    const r = await run('streaming', 'get');
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: GetMessagingStreamingConfigurations: NotFoundException: /);
  });

  it('set one data type; get shows it (json, -o id, --query)', async () => {
    const r = await run('streaming', 'set', '--channel-messages', AUDIT, '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ StreamingConfigurations: [{ DataType: 'ChannelMessage', ResourceArn: AUDIT }] });
    expect(r.stderr).toContain(`App instance ${app.slice(app.lastIndexOf('/') + 1)} streams ChannelMessage → ${AUDIT}`);

    const got = await run('streaming', 'get', '-o', 'json');
    expect(got.json()).toEqual({ StreamingConfigurations: [{ DataType: 'ChannelMessage', ResourceArn: AUDIT }] });
    // APP may be the app instance's name.
    const ids = await e.run(['streaming', 'get', 'streaming-test', '-o', 'id']);
    expect(ids.code, ids.stderr).toBe(0);
    expect(ids.stdout).toBe(`${AUDIT}\n`);
    const q = await run('streaming', 'get', '--query', "StreamingConfigurations[?DataType=='ChannelMessage'].ResourceArn | [0]", '-o', 'json');
    expect(q.json()).toBe(AUDIT);
  });

  it('set of another data type keeps the first; both at once replaces both', async () => {
    const r = await run('streaming', 'set', '--channels', EVENTS, '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().StreamingConfigurations).toEqual([
      { DataType: 'ChannelMessage', ResourceArn: AUDIT },
      { DataType: 'Channel', ResourceArn: EVENTS },
    ]);
    const both = await run('streaming', 'set', '--channels', AUDIT, '--channel-messages', EVENTS, '-o', 'id');
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout.split('\n').filter(Boolean).sort()).toEqual([AUDIT, EVENTS].sort());
    const got = (await run('streaming', 'get', '-o', 'json')).json().StreamingConfigurations;
    expect(got).toEqual(expect.arrayContaining([{ DataType: 'Channel', ResourceArn: AUDIT }, { DataType: 'ChannelMessage', ResourceArn: EVENTS }]));
    expect(got).toHaveLength(2);
  });

  it('set --dry-run reads the current streams and plans the merged write, sending none', async () => {
    let r: any;
    const requests = await requestsDuring(async () => {
      r = await run('streaming', 'set', '--channels', EVENTS, '--dry-run', '-o', 'json');
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      dryRun: true,
      operations: [
        {
          operation: 'PutMessagingStreamingConfigurations',
          input: {
            AppInstanceArn: app,
            StreamingConfigurations: [
              { DataType: 'ChannelMessage', ResourceArn: EVENTS },
              { DataType: 'Channel', ResourceArn: EVENTS },
            ],
          },
        },
      ],
    });
    expect(requests).toEqual(['messaging.GetMessagingStreamingConfigurations 200']);
  });

  it('a stream whose name lacks the chime-messaging- prefix is the service error (254); no flag is 252', async () => {
    const r = await run('streaming', 'set', '--channels', stream('audit'));
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/error: PutMessagingStreamingConfigurations: BadRequestException: .*chime-messaging-/);
    const none = await run('streaming', 'set');
    expect(none.code).toBe(252);
    expect(none.stderr).toContain('pass --channels and/or --channel-messages');
    // Unchanged by the refused call.
    expect((await run('streaming', 'get', '-o', 'json')).json().StreamingConfigurations).toHaveLength(2);
  });

  it('no app instance is a configuration error (253)', async () => {
    const r = await e.run(['streaming', 'get']);
    expect(r.code).toBe(253);
    expect(r.stderr).toContain('no app instance given');
  });

  it('delete refuses without --yes, plans with --dry-run, then deletes; --ignore-not-found', async () => {
    const requests = await requestsDuring(async () => {
      const refused = await run('streaming', 'delete');
      expect(refused.code).toBe(252);
      expect(refused.stderr).toMatch(/refusing to delete streaming of app instance \S+ without confirmation/);
      const d = await run('streaming', 'delete', '--dry-run', '-o', 'json');
      expect(d.json().operations).toEqual([{ operation: 'DeleteMessagingStreamingConfigurations', input: { AppInstanceArn: app } }]);
    });
    expect(requests).toEqual([]);

    const r = await run('streaming', 'rm', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Deleted streaming of app instance');
    expect((await run('streaming', 'get')).code).toBe(254);

    const other = 'arn:aws:chime:us-east-1:123456789012:app-instance/00000000-0000-0000-0000-000000000000';
    const missing = await e.run(['streaming', 'delete', other, '--yes']);
    expect(missing.code).toBe(254);
    const ignored = await e.run(['streaming', 'delete', other, '--yes', '--ignore-not-found']);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stderr).toContain('not found; nothing to do');
  });
});

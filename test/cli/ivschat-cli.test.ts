// IVS Chat through the real binary against the emulator: the end-to-end scenario and
// every room / logging / token command at least once, with their exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
beforeAll(async () => {
  e = await emulatorEnv();
});
afterAll(() => e.close());

const ROOM_ARN = /^arn:aws:ivschat:us-east-1:123456789012:room\/[a-zA-Z0-9]{12}$/;
const LOG_ARN = /^arn:aws:ivschat:us-east-1:123456789012:logging-configuration\/[a-zA-Z0-9]{12}$/;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:review';

describe('the issue scenario', () => {
  it('logging configuration -> room by name -> get/list/update -> token -> event -> delete both', async () => {
    // 1. A logging configuration with an S3 destination.
    const log = await e.run(['logging', 'create', 'scenario-logs', '--s3', 'chat-logs-bucket', '-o', 'json']);
    expect(log.code, log.stderr).toBe(0);
    const cfg = log.json();
    expect(cfg.arn).toMatch(LOG_ARN);
    expect(cfg).toMatchObject({ name: 'scenario-logs', state: 'ACTIVE', destinationConfiguration: { s3: { bucketName: 'chat-logs-bucket' } } });
    expect(log.stderr).toContain('✓ Created logging configuration scenario-logs');

    // 2. A room using it, named by the configuration's name.
    const created = await e.run(['room', 'create', 'scenario', '--logging', 'scenario-logs', '--max-length', '300', '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    const room = created.json();
    expect(room.arn).toMatch(ROOM_ARN);
    expect(room).toMatchObject({
      name: 'scenario',
      maximumMessageLength: 300,
      maximumMessageRatePerSecond: 10,
      loggingConfigurationIdentifiers: [cfg.arn],
    });
    expect(room.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    // 3. get (by name, id, ARN), list, update.
    for (const ref of ['scenario', room.id, room.arn]) {
      const got = await e.run(['room', 'get', ref, '-o', 'json']);
      expect(got.code, got.stderr).toBe(0);
      expect(got.json()).toMatchObject({ arn: room.arn, name: 'scenario', maximumMessageLength: 300 });
    }
    const listed = await e.run(['room', 'list', '-o', 'json']);
    expect(listed.code).toBe(0);
    expect(listed.json().rooms.map((r: any) => r.arn)).toContain(room.arn);

    const updated = await e.run(['room', 'update', 'scenario', '--max-rate', '50', '--max-length', '500', '-o', 'json']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({ arn: room.arn, maximumMessageRatePerSecond: 50, maximumMessageLength: 500 });

    // Limits outside their ranges: 252 before any call (no debug request line is logged).
    for (const args of [
      ['room', 'update', 'scenario', '--max-length', '0'],
      ['room', 'update', 'scenario', '--max-length', '501'],
      ['room', 'update', 'scenario', '--max-rate', '101'],
      ['room', 'create', 'x', '--max-rate', '0'],
      ['token', 'create', 'scenario', '--user-id', 'u', '--duration', '181'],
    ]) {
      const r = await e.run([...args, '--debug']);
      expect(r.code, args.join(' ')).toBe(252);
      expect(r.stderr).toMatch(/must be from \d+ to \d+/);
      expect(r.stderr).not.toContain('debug:');
    }
    // A value only the service can judge: 254 with the service's error.
    const bad = await e.run(['room', 'update', 'scenario', '--review-handler', 'not-a-lambda-arn']);
    expect(bad.code).toBe(254);
    expect(bad.stderr).toContain('error: UpdateRoom: ValidationException:');
    expect((await e.run(['room', 'get', 'scenario', '-o', 'json'])).json().maximumMessageRatePerSecond).toBe(50);

    // 4. A token with two capabilities and a 5-minute session.
    const tok = await e.run(['token', 'create', 'scenario', '--user-id', 'alice', '--capability', 'SEND_MESSAGE', '--capability', 'DELETE_MESSAGE', '--duration', '5', '--attribute', 'displayName=Alice', '-o', 'json']);
    expect(tok.code, tok.stderr).toBe(0);
    const t = tok.json();
    expect(typeof t.token).toBe('string');
    expect(t.token.length).toBeGreaterThan(32);
    const tokenExp = Date.parse(t.tokenExpirationTime);
    const sessionExp = Date.parse(t.sessionExpirationTime);
    expect(tokenExp).toBeLessThanOrEqual(sessionExp);
    // The session is 5 minutes from issue; the token (about a minute) expires before it.
    const issuedAt = sessionExp - 5 * 60_000;
    expect(tokenExp).toBeGreaterThan(issuedAt);
    expect(Math.abs(issuedAt - Date.now())).toBeLessThan(5 * 60_000);
    expect(tok.stderr).not.toContain(t.token);

    // 5. An event.
    const ev = await e.run(['room', 'send-event', 'scenario', 'app:poll', '--attribute', 'q=tea?', '-o', 'json']);
    expect(ev.code, ev.stderr).toBe(0);
    expect(ev.json().id).toMatch(/^[a-zA-Z0-9]{12}$/);

    // The configuration cannot go while the room uses it.
    const busy = await e.run(['logging', 'delete', 'scenario-logs', '--yes']);
    expect(busy.code).toBe(254);
    expect(busy.stderr).toContain('error: DeleteLoggingConfiguration: ConflictException:');
    expect(busy.stderr).toContain('hint:');

    // 6. Delete the room, then the configuration.
    const delRoom = await e.run(['room', 'delete', 'scenario', '--yes']);
    expect(delRoom.code, delRoom.stderr).toBe(0);
    expect(delRoom.stderr).toContain('✓ Deleted room scenario');
    expect((await e.run(['room', 'get', room.arn])).code).toBe(254);
    const delLog = await e.run(['logging', 'delete', 'scenario-logs', '--yes']);
    expect(delLog.code, delLog.stderr).toBe(0);
    const gone = await e.run(['logging', 'get', cfg.arn]);
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain('ResourceNotFoundException');
  });
});

describe('room commands', () => {
  it('create with every flag, list filters, update detaching, table output', async () => {
    const l1 = (await e.run(['logging', 'create', 'rc-a', '--cloudwatch', '/ivs/chat', '-o', 'json'])).json();
    const l2 = (await e.run(['logging', 'create', 'rc-b', '--firehose', 'chat-stream', '-o', 'json'])).json();
    const r = await e.run([
      'room', 'create', 'full', '--max-length', '120', '--max-rate', '7', '--review-handler', LAMBDA, '--fallback', 'DENY',
      '--logging', 'rc-a', '--logging', l2.id, '--tag', 'team=chat', '--tag', 'env=test', '-o', 'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const room = r.json();
    expect(room).toMatchObject({
      name: 'full',
      maximumMessageLength: 120,
      maximumMessageRatePerSecond: 7,
      messageReviewHandler: { uri: LAMBDA, fallbackResult: 'DENY' },
      loggingConfigurationIdentifiers: [l1.arn, l2.arn],
      tags: { team: 'chat', env: 'test' },
    });
    const plain = (await e.run(['room', 'create', '-o', 'json'])).json();
    expect(plain).toMatchObject({ name: '', maximumMessageLength: 500, maximumMessageRatePerSecond: 10 });

    const byName = await e.run(['room', 'list', '--name', 'full', '-o', 'json']);
    expect(byName.json().rooms.map((x: any) => x.arn)).toEqual([room.arn]);
    const byLog = await e.run(['room', 'list', '--logging', 'rc-b', '-o', 'id']);
    expect(byLog.stdout.trim().split('\n')).toEqual([room.arn]);
    const byHandler = await e.run(['room', 'list', '--review-handler', LAMBDA, '-o', 'json']);
    expect(byHandler.json().rooms.map((x: any) => x.arn)).toEqual([room.arn]);
    const none = await e.run(['room', 'list', '--name', 'no-such-room', '-o', 'table']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No rooms found.');
    const table = await e.run(['room', 'list', '--name', 'full', '-o', 'table']);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+REVIEW HANDLER\s+LOGGING\s+UPDATED\s+ARN/);
    expect(table.stdout).toContain(room.id);
    const paged = await e.run(['room', 'list', '--page-size', '1', '--max-items', '1', '-o', 'json']);
    expect(paged.json().rooms).toHaveLength(1);

    // Only the fallback: resends the current handler.
    const fb = await e.run(['room', 'update', room.id, '--fallback', 'ALLOW', '-o', 'json']);
    expect(fb.code, fb.stderr).toBe(0);
    expect(fb.json().messageReviewHandler).toEqual({ uri: LAMBDA, fallbackResult: 'ALLOW' });
    const detached = await e.run(['room', 'update', room.arn, '--review-handler', '', '--no-logging', '--name', 'renamed', '-o', 'json']);
    expect(detached.code, detached.stderr).toBe(0);
    expect(detached.json()).toMatchObject({ name: 'renamed', loggingConfigurationIdentifiers: [] });
    expect(detached.json().messageReviewHandler).toBeUndefined();
    const relog = await e.run(['room', 'update', 'renamed', '--logging', 'rc-a', '-o', 'json']);
    expect(relog.json().loggingConfigurationIdentifiers).toEqual([l1.arn]);
    const noHandler = await e.run(['room', 'update', 'renamed', '--fallback', 'DENY']);
    expect(noHandler.code).toBe(252);
    expect(noHandler.stderr).toContain('has no review handler');

    // Usage errors before any call.
    for (const [args, text] of [
      [['room', 'update', 'renamed'], 'nothing to update'],
      [['room', 'create', 'x', '--fallback', 'DENY'], '--fallback needs --review-handler'],
      [['room', 'create', 'x', '--fallback', 'MAYBE'], 'Allowed choices are ALLOW, DENY'],
      [['room', 'create', 'x', '--logging', 'a', '--logging', 'b', '--logging', 'c', '--logging', 'd'], 'at most 3'],
      [['room', 'create', 'x', '--tag', 'novalue'], 'is not KEY=VALUE'],
    ] as Array<[string[], string]>) {
      const res = await e.run(args);
      expect(res.code, args.join(' ')).toBe(252);
      expect(res.stderr).toContain(text);
    }

    await e.run(['room', 'update', 'renamed', '--no-logging']);
    for (const ref of [room.arn, plain.arn]) expect((await e.run(['room', 'delete', ref, '--yes'])).code).toBe(0);
    for (const ref of ['rc-a', 'rc-b']) expect((await e.run(['logging', 'delete', ref, '--yes'])).code).toBe(0);
  });

  it('resolves names: unknown -> 254, ambiguous -> 252 listing the candidates', async () => {
    const a = (await e.run(['room', 'create', 'twin', '-o', 'json'])).json();
    const b = (await e.run(['room', 'create', 'twin', '-o', 'json'])).json();
    const amb = await e.run(['room', 'get', 'twin']);
    expect(amb.code).toBe(252);
    expect(amb.stderr).toContain("room name 'twin' is ambiguous");
    expect(amb.stderr).toContain(a.arn);
    expect(amb.stderr).toContain(b.arn);
    // An id is never ambiguous.
    expect((await e.run(['room', 'get', a.id, '-o', 'json'])).json().arn).toBe(a.arn);

    const missing = await e.run(['room', 'get', 'nobody-here', '-o', 'json']);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain("error: room 'nobody-here' not found");
    expect(missing.stderr).toContain('"code":"ResourceNotFoundException"');
    const notAName = await e.run(['room', 'get', 'not a name']);
    expect(notAName.code).toBe(252);

    // Deletes confirm before any look-up, so --ignore-not-found still needs --yes in a script.
    const ignored = await e.run(['room', 'delete', 'nobody-here', '--ignore-not-found', '--yes']);
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('not found; nothing to do');
    const notIgnored = await e.run(['room', 'delete', 'nobody-here', '--yes']);
    expect(notIgnored.code).toBe(254);

    const noConfirm = await e.run(['room', 'delete', a.arn]);
    expect(noConfirm.code).toBe(252);
    expect(noConfirm.stderr).toContain('refusing to delete room');
    const dry = await e.run(['room', 'delete', a.arn, '--dry-run', '-o', 'json']);
    expect(dry.code).toBe(0);
    expect(dry.json()).toEqual({ dryRun: true, operations: [{ operation: 'DeleteRoom', input: { identifier: a.arn } }] });
    for (const r of [a, b]) expect((await e.run(['room', 'delete', r.id, '--yes'])).code).toBe(0);
  });

  it('send-event, delete-message and disconnect', async () => {
    const room = (await e.run(['room', 'create', 'moderated', '-o', 'json'])).json();
    const ev = await e.run(['room', 'send-event', 'moderated', 'announce', '-o', 'id']);
    expect(ev.code, ev.stderr).toBe(0);
    expect(ev.stdout.trim()).toMatch(/^[a-zA-Z0-9]{12}$/);

    const noConfirm = await e.run(['room', 'delete-message', 'moderated', 'R1BLTDN84zE0']);
    expect(noConfirm.code).toBe(252);
    const del = await e.run(['room', 'delete-message', 'moderated', 'R1BLTDN84zE0', '--reason', 'spam', '--yes', '-o', 'json']);
    expect(del.code, del.stderr).toBe(0);
    expect(del.json().id).toMatch(/^[a-zA-Z0-9]{12}$/);
    const badId = await e.run(['room', 'delete-message', 'moderated', 'short', '--yes']);
    expect(badId.code).toBe(252);

    const disc = await e.run(['room', 'disconnect', 'moderated', 'mallory', '--reason', 'abuse', '--yes']);
    expect(disc.code, disc.stderr).toBe(0);
    expect(disc.stderr).toContain('✓ Disconnected user mallory');
    const longName = await e.run(['room', 'send-event', 'moderated', 'x'.repeat(101)]);
    expect(longName.code).toBe(252);
    const unknownRoom = await e.run(['room', 'disconnect', 'arn:aws:ivschat:us-east-1:123456789012:room/AAAAAAAAAAAA', 'u', '--yes']);
    expect(unknownRoom.code).toBe(254);
    expect(unknownRoom.stderr).toContain('DisconnectUser: ResourceNotFoundException');
    await e.run(['room', 'delete', room.arn, '--yes']);
  });
});

describe('natural keys and several ids', () => {
  it('room create --if-not-exists finds a room by name; an ambiguous name lists the candidates', async () => {
    const first = (await e.ok(['room', 'create', 'keyed', '--max-length', '200', '-o', 'json'])).json();
    const again = await e.ok(['room', 'create', 'keyed', '--max-length', '300', '--if-not-exists', '-o', 'json']);
    expect(again.json()).toMatchObject({ arn: first.arn, maximumMessageLength: 200 });
    expect(again.stderr).toContain('already exists');
    // Flags are checked whether or not the room exists.
    expect((await e.run(['room', 'create', 'keyed', '--fallback', 'DENY', '--if-not-exists'])).code).toBe(252);
    expect((await e.run(['room', 'create', '--if-not-exists'])).stderr).toContain('--if-not-exists needs a NAME');

    const second = (await e.ok(['room', 'create', 'keyed', '-o', 'json'])).json();
    const amb = await e.run(['room', 'create', 'keyed', '--if-not-exists']);
    expect(amb.code).toBe(252);
    expect(amb.stderr).toContain("room name 'keyed' is ambiguous");
    expect(amb.stderr).toContain(first.arn);
    expect(amb.stderr).toContain(second.arn);
    await e.ok(['room', 'delete', first.id, second.id, '--yes']);
  });

  it('logging create --if-not-exists finds a configuration by name', async () => {
    const first = (await e.ok(['logging', 'create', 'keyed-logs', '--s3', 'bucket-a', '-o', 'json'])).json();
    const again = await e.ok(['logging', 'create', 'keyed-logs', '--s3', 'bucket-b', '--if-not-exists', '-o', 'json']);
    expect(again.json()).toMatchObject({ arn: first.arn, destinationConfiguration: { s3: { bucketName: 'bucket-a' } } });
    expect((await e.run(['logging', 'create', 'keyed-logs', '--if-not-exists'])).stderr).toContain('a destination is required');
    await e.ok(['logging', 'delete', 'keyed-logs', '--yes']);
  });

  it('room and logging deletes take several ids, report each and exit 1 when some failed', async () => {
    const a = (await e.ok(['room', 'create', 'many-a', '-o', 'json'])).json();
    await e.ok(['room', 'create', 'many-b']);
    const rooms = await e.run(['room', 'delete', a.id, 'no-such-room', 'many-b', '--yes']);
    expect(rooms.code, rooms.stderr).toBe(1);
    expect(rooms.stderr).toContain(`✓ Deleted room ${a.id}`);
    expect(rooms.stderr).toContain("✗ room no-such-room: room 'no-such-room' not found");
    expect(rooms.stderr).toContain('✓ Deleted room many-b');
    expect(rooms.stderr).toContain('error: 1 of 3 rooms failed');
    expect((await e.ok(['room', 'list', '--name', 'many-b', '-o', 'id'])).stdout).toBe('');

    await e.ok(['logging', 'create', 'many-logs', '--s3', 'bucket-a']);
    const busy = (await e.ok(['logging', 'create', 'busy-logs', '--s3', 'bucket-a', '-o', 'json'])).json();
    const room = (await e.ok(['room', 'create', 'logged', '--logging', 'busy-logs', '-o', 'json'])).json();
    const logs = await e.run(['logging', 'delete', 'many-logs', 'busy-logs', '--yes']);
    expect(logs.code, logs.stderr).toBe(1);
    expect(logs.stderr).toContain('✓ Deleted logging configuration many-logs');
    expect(logs.stderr).toContain('✗ logging configuration busy-logs: DeleteLoggingConfiguration: ConflictException');
    expect((await e.ok(['logging', 'get', busy.arn, '-o', 'id'])).stdout).toBe(`${busy.arn}\n`);
    await e.ok(['room', 'delete', room.arn, '--yes']);
    await e.ok(['logging', 'delete', busy.arn, '--yes']);
  });
});

describe('logging commands', () => {
  it('create needs exactly one destination; list, get, update, delete', async () => {
    for (const args of [['logging', 'create', 'none'], ['logging', 'create', 'two', '--s3', 'bucket-a', '--cloudwatch', 'grp']]) {
      const r = await e.run(args);
      expect(r.code).toBe(252);
      expect(r.stderr).toMatch(/destination/);
    }
    const c = (await e.run(['logging', 'create', 'lc', '--cloudwatch', 'chat-group', '--tag', 'k=v', '-o', 'json'])).json();
    expect(c).toMatchObject({ name: 'lc', destinationConfiguration: { cloudWatchLogs: { logGroupName: 'chat-group' } }, tags: { k: 'v' } });

    const list = await e.run(['logging', 'list', '-o', 'json']);
    expect(list.json().loggingConfigurations.map((x: any) => x.arn)).toContain(c.arn);
    const table = await e.run(['logging', 'list', '-o', 'table']);
    expect(table.stdout).toContain('cloudwatch:chat-group');

    expect((await e.run(['logging', 'get', 'lc', '-o', 'json'])).json().arn).toBe(c.arn);
    expect((await e.run(['logging', 'get', c.id, '-o', 'json'])).json().arn).toBe(c.arn);

    const up = await e.run(['logging', 'update', 'lc', '--name', 'lc2', '--firehose', 'stream-1', '-o', 'json']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.json()).toMatchObject({ name: 'lc2', state: 'ACTIVE', destinationConfiguration: { firehose: { deliveryStreamName: 'stream-1' } } });
    expect((await e.run(['logging', 'update', 'lc2'])).code).toBe(252);
    expect((await e.run(['logging', 'update', 'lc2', '--s3', 'a-b', '--firehose', 'x'])).code).toBe(252);
    const badBucket = await e.run(['logging', 'update', 'lc2', '--s3', 'Upper_Case']);
    expect(badBucket.code).toBe(254);
    expect(badBucket.stderr).toContain('ValidationException');

    expect((await e.run(['logging', 'delete', 'lc2'])).code).toBe(252);
    const del = await e.run(['logging', 'delete', 'lc2', '--yes']);
    expect(del.code, del.stderr).toBe(0);
    const missing = await e.run(['logging', 'get', 'lc2']);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain("logging configuration 'lc2' not found");
    expect((await e.run(['logging', 'delete', 'lc2', '--ignore-not-found', '--yes'])).code).toBe(0);
  });
});

describe('token create', () => {
  let roomArn: string;
  beforeAll(async () => {
    roomArn = (await e.run(['room', 'create', 'tokens', '-o', 'json'])).json().arn;
  });

  it('prints the token only where asked', async () => {
    // -o id: the token alone.
    const id = await e.run(['token', 'create', 'tokens', '--user-id', 'bob', '-o', 'id']);
    expect(id.code, id.stderr).toBe(0);
    expect(id.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(id.stderr).not.toContain(id.stdout.trim());

    // No -o and no terminal: json without the token, and a note on stderr.
    const implicit = await e.run(['token', 'create', roomArn, '--user-id', 'bob']);
    expect(implicit.code).toBe(0);
    const body = implicit.json();
    expect(body.token).toBeUndefined();
    expect(body.tokenExpirationTime).toBeTruthy();
    expect(body.sessionExpirationTime).toBeTruthy();
    expect(implicit.stderr).toContain('the token is not printed unless asked for');

    // --query asks for it too.
    const q = await e.run(['token', 'create', 'tokens', '--user-id', 'bob', '--query', 'token']);
    expect(JSON.parse(q.stdout)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('--debug never shows the token', async () => {
    const r = await e.run(['token', 'create', 'tokens', '--user-id', 'carol', '--capability', 'DISCONNECT_USER', '-o', 'json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    const token = r.json().token as string;
    expect(token.length).toBeGreaterThan(32);
    expect(r.stderr).toContain('debug: ');
    expect(r.stderr).toContain('"token":"REDACTED"');
    expect(r.stderr).not.toContain(token);
    expect(r.stderr).not.toContain(token.slice(0, 24));
  });

  it('rejects bad input before any call', async () => {
    for (const [args, text] of [
      [['token', 'create', 'tokens', '--user-id', 'u', '--capability', 'FLY'], 'unknown capability FLY'],
      [['token', 'create', 'tokens', '--user-id', 'u', '--duration', '0'], 'must be from 1 to 180'],
      [['token', 'create', 'tokens'], "required option '--user-id <id>' not specified"],
      [['token', 'create', 'tokens', '--user-id', ''], '--user-id must be 1-128'],
    ] as Array<[string[], string]>) {
      const r = await e.run(args);
      expect(r.code, args.join(' ')).toBe(252);
      expect(r.stderr).toContain(text);
    }
    const missing = await e.run(['token', 'create', 'no-such-room', '--user-id', 'u']);
    expect(missing.code).toBe(254);
  });
});

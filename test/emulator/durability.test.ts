// Durable state (--state FILE): a write is answered only after its journal line is fsync'd;
// a failed save answers the service's 500, leaves file and memory as they were and keeps no
// idempotency record; concurrent writes share fsyncs; compaction runs while writes go on.
// Disk failures are injected through the journal's file operations (deterministic), plus one
// real full disk on a small tmpfs when this process may mount one.
import { CreateAppInstanceCommand, ListAppInstancesCommand } from '@aws-sdk/client-chime-sdk-identity';
import { CreateRoomCommand, IvschatClient, ListRoomsCommand, SendEventCommand } from '@aws-sdk/client-ivschat';
import { execFileSync } from 'node:child_process';
import { appendFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeJournalIO, type JournalIO } from '../../src/emulator/journal.js';
import type { Emulator } from '../../src/emulator/server.js';
import { loadState, saveState, StateFileError, StateStore, createEmptyState } from '../../src/emulator/store.js';
import { WriteTracker } from '../../src/emulator/tracker.js';
import { emulator, failure, identityClient } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'chatctl-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `state-${++n}.json`);

/** Journal file operations with a switchable failure and a gate on fsync. */
interface FaultyIO {
  calls: { write: number; datasync: number };
  fail: NodeJS.ErrnoException | undefined;
  gate: Promise<void> | undefined;
  io: JournalIO;
}

function faultyIO(): FaultyIO {
  const calls = { write: 0, datasync: 0 };
  const ctl: FaultyIO = {
    calls,
    fail: undefined as NodeJS.ErrnoException | undefined,
    gate: undefined as Promise<void> | undefined,
    io: {
      write: (fd: number, data: Buffer, position: number): Promise<number> => {
        calls.write++;
        if (ctl.fail) {
          // A full disk: part of the line gets written, then the write fails.
          return nodeJournalIO.write(fd, data.subarray(0, Math.floor(data.length / 2)), position).then(() => Promise.reject(ctl.fail));
        }
        return nodeJournalIO.write(fd, data, position);
      },
      datasync: async (fd: number) => {
        calls.datasync++;
        if (ctl.gate) await ctl.gate;
        return nodeJournalIO.datasync(fd);
      },
      truncate: nodeJournalIO.truncate,
    },
  };
  return ctl;
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

function ivsClient(emu: Emulator): IvschatClient {
  return new IvschatClient({ endpoint: emu.url, region: emu.region, credentials: emu.credentials, maxAttempts: 1 });
}

describe('durable writes', () => {
  it('answers a write only after its journal line is fsynced, and emits its events after that', async () => {
    const ctl = faultyIO();
    const statePath = freshPath();
    const emu = await emulator({ statePath, journalIO: ctl.io });
    try {
      const room = await ivsClient(emu).send(new CreateRoomCommand({ name: 'events' }));
      const events: unknown[] = [];
      emu.events.on('event', (e) => events.push(e));
      const gate = deferred();
      ctl.gate = gate.promise;
      let answered = false;
      const created = identityClient(emu)
        .send(new CreateAppInstanceCommand({ Name: 'held' }))
        .then((r) => ((answered = true), r));
      const sent = ivsClient(emu).send(new SendEventCommand({ roomIdentifier: room.arn, eventName: 'held-event' }));
      await until(() => ctl.calls.datasync === 2);
      await new Promise((r) => setTimeout(r, 20));
      expect(answered).toBe(false);
      expect(events).toEqual([]);
      gate.release();
      const { AppInstanceArn } = await created;
      await sent;
      expect(readFileSync(statePath, 'utf8')).toContain(AppInstanceArn);
      expect(events).toMatchObject([{ service: 'ivschat', type: 'held-event' }]);
    } finally {
      await emu.close();
    }
  });

  it('refuses a write it could not save: 500, file and memory unchanged, and the retry with the same token is saved', async () => {
    const ctl = faultyIO();
    const statePath = freshPath();
    let emu = await emulator({ statePath, journalIO: ctl.io });
    const client = identityClient(emu);
    const kept = await client.send(new CreateAppInstanceCommand({ Name: 'kept' }));
    const before = readFileSync(statePath);

    ctl.fail = enospc();
    const err = await failure(client.send(new CreateAppInstanceCommand({ Name: 'lost', ClientRequestToken: 'token-1' })));
    expect(err.name).toBe('ServiceFailureException');
    expect(err.$metadata.httpStatusCode).toBe(500);
    expect(err.message).not.toMatch(/ENOSPC|at |\.ts/);
    expect(readFileSync(statePath)).toEqual(before);
    expect(Object.keys(emu.state.identity.appInstances)).toEqual([kept.AppInstanceArn]);
    const listed = await client.send(new ListAppInstancesCommand({}));
    expect(listed.AppInstances?.map((a) => a.Name)).toEqual(['kept']);

    const ivsErr = await failure(ivsClient(emu).send(new CreateRoomCommand({ name: 'lost' })));
    expect(ivsErr.name).toBe('InternalServerException');
    expect(ivsErr.$metadata.httpStatusCode).toBe(500);
    expect((await ivsClient(emu).send(new ListRoomsCommand({}))).rooms).toEqual([]);

    // The SDK's automatic retry (same token) must do the work now, not replay a phantom answer.
    ctl.fail = undefined;
    const retried = await client.send(new CreateAppInstanceCommand({ Name: 'lost', ClientRequestToken: 'token-1' }));
    expect(retried.AppInstanceArn).not.toBe(kept.AppInstanceArn);
    await emu.close();

    emu = await emulator({ statePath });
    try {
      expect(Object.keys(emu.state.identity.appInstances).sort()).toEqual([kept.AppInstanceArn, retried.AppInstanceArn].sort());
    } finally {
      await emu.close();
    }
  });

  it('answers a retry that arrives while the first call is being saved only once that is durable, with the same answer', async () => {
    const ctl = faultyIO();
    const emu = await emulator({ statePath: freshPath(), journalIO: ctl.io });
    try {
      const client = identityClient(emu);
      const gate = deferred();
      ctl.gate = gate.promise;
      let answers = 0;
      const send = () => client.send(new CreateAppInstanceCommand({ Name: 'once', ClientRequestToken: 'same-token' })).then((r) => (answers++, r));
      const first = send();
      await until(() => ctl.calls.datasync === 1);
      const retry = send();
      await new Promise((r) => setTimeout(r, 30));
      expect(answers).toBe(0);
      gate.release();
      const [a, b] = await Promise.all([first, retry]);
      expect(b.AppInstanceArn).toBe(a.AppInstanceArn);
      expect(Object.keys(emu.state.identity.appInstances)).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });

  it('refuses every later write when memory cannot be restored after a failed save', async () => {
    const ctl = faultyIO();
    const statePath = freshPath();
    const emu = await emulator({ statePath, journalIO: ctl.io });
    try {
      const client = identityClient(emu);
      await client.send(new CreateAppInstanceCommand({ Name: 'kept' }));
      rmSync(statePath); // nothing to reload from
      ctl.fail = enospc();
      expect((await failure(client.send(new CreateAppInstanceCommand({ Name: 'x' })))).name).toBe('ServiceFailureException');
      ctl.fail = undefined;
      expect((await failure(client.send(new CreateAppInstanceCommand({ Name: 'y' })))).name).toBe('ServiceFailureException');
    } finally {
      await emu.close();
    }
  });

  it('lets concurrent writes share one fsync', async () => {
    const ctl = faultyIO();
    const statePath = freshPath();
    const emu = await emulator({ statePath, journalIO: ctl.io });
    try {
      const client = identityClient(emu);
      const gate = deferred();
      ctl.gate = gate.promise;
      const first = client.send(new CreateAppInstanceCommand({ Name: 'first' }));
      await until(() => ctl.calls.datasync === 1);
      const rest = Array.from({ length: 20 }, (_, i) => client.send(new CreateAppInstanceCommand({ Name: `app${i}` })));
      await until(() => Object.keys(emu.state.identity.appInstances).length === 21);
      gate.release();
      ctl.gate = undefined;
      const arns = (await Promise.all([first, ...rest])).map((r) => r.AppInstanceArn);
      expect(ctl.calls.datasync).toBe(2);
      const saved = loadState(statePath);
      expect(Object.keys(saved.identity.appInstances).sort()).toEqual(arns.sort());
    } finally {
      await emu.close();
    }
  });

  it('fills a real disk: refuses the write that does not fit, keeps every acknowledged one', async (ctx) => {
    const mount = join(dir, 'small-disk');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      ctx.skip(); // needs root (CI containers usually are)
      return;
    }
    try {
      const statePath = join(mount, 'state.json');
      let emu = await emulator({ statePath });
      const client = identityClient(emu);
      const acknowledged: string[] = [];
      let refused: any;
      for (let i = 0; i < 2000 && !refused; i++) {
        try {
          acknowledged.push((await client.send(new CreateAppInstanceCommand({ Name: `app-${i}`, Metadata: 'x'.repeat(1000) }))).AppInstanceArn!);
        } catch (err) {
          refused = err;
        }
      }
      expect(refused?.name).toBe('ServiceFailureException');
      expect(Object.keys(emu.state.identity.appInstances).sort()).toEqual([...acknowledged].sort());
      await emu.close();
      emu = await emulator({ statePath });
      expect(Object.keys(emu.state.identity.appInstances).sort()).toEqual([...acknowledged].sort());
      await emu.close();
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});

describe('state file', () => {
  it('ignores a torn last line and goes on appending after it', async () => {
    const statePath = freshPath();
    const state = createEmptyState();
    state.tags['arn:a'] = { k: 'snapshot' };
    saveState(statePath, state);
    appendFileSync(statePath, '{"c":[[["tags","arn:b"],{"k":"journal"}]]}\n{"c":[[["tags","arn:c"],{"k":"to');
    const store = new StateStore(statePath);
    expect(store.state.tags).toEqual({ 'arn:a': { k: 'snapshot' }, 'arn:b': { k: 'journal' } });
    const t = new WriteTracker();
    t.wrap(store.state).tags['arn:d'] = { k: 'after' };
    await store.commit(t.changes(store.state));
    await store.close();
    expect(loadState(statePath).tags).toEqual({ 'arn:a': { k: 'snapshot' }, 'arn:b': { k: 'journal' }, 'arn:d': { k: 'after' } });
  });

  it('refuses damage before the last line', () => {
    const statePath = freshPath();
    saveState(statePath, createEmptyState());
    appendFileSync(statePath, '{"c":[[["tags","arn:b"],{"k":"x"}]\n{"c":[]}\n');
    expect(() => new StateStore(statePath)).toThrow(/damaged at line 2/);
  });

  it('loads a version 1 file and appends behind it', async () => {
    const statePath = freshPath();
    writeFileSync(statePath, JSON.stringify({ format: 'chatctl-emulator-state', version: 1, savedAt: 'x', state: { ...createEmptyState(), tags: { 'arn:old': { a: 'b' } } } }));
    const store = new StateStore(statePath);
    const t = new WriteTracker();
    t.wrap(store.state).tags['arn:new'] = { c: 'd' };
    await store.commit(t.changes(store.state));
    await store.close();
    expect(loadState(statePath).tags).toEqual({ 'arn:old': { a: 'b' }, 'arn:new': { c: 'd' } });
  });

  it('compacts in the background while writes go on, and loses none of them', async () => {
    const statePath = freshPath();
    // The snapshot's first write waits until more writes have been committed behind it.
    const snapshotHeld = deferred();
    const io: JournalIO = {
      ...nodeJournalIO,
      write: async (fd, data, position) => {
        if (data.subarray(0, 10).toString() === '{"format"') await snapshotHeld.promise;
        return nodeJournalIO.write(fd, data, position);
      },
    };
    const store = new StateStore(statePath, { io });
    const writes: Promise<void>[] = [];
    let compaction: Promise<boolean> | undefined;
    for (let i = 0; i < 400; i++) {
      const t = new WriteTracker();
      const s = t.wrap(store.state);
      s.identity.users ??= {};
      s.identity.users[`u${i}`] = { n: i, at: new Date(i * 1000), list: [i] };
      if (i % 3 === 0 && i > 0) delete s.identity.users[`u${i - 1}`];
      if (i % 5 === 0 && i > 0) s.identity.users[`u${i - 5}`]?.list.push('more');
      writes.push(store.commit(t.changes(store.state)));
      if (i === 150) compaction = store.compact();
      if (i === 300) snapshotHeld.release();
      if (i % 40 === 0) await Promise.all(writes);
    }
    await Promise.all(writes);
    expect(await compaction).toBe(true);
    const lines = readFileSync(statePath, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1); // the writes made during the walk, copied behind
    expect(lines.length).toBeLessThan(300);
    // The journal now lives in the file the compaction wrote: it must serve the next one too.
    const t = new WriteTracker();
    t.wrap(store.state).tags['arn:after'] = { k: 'v' };
    await store.commit(t.changes(store.state));
    expect(await store.compact()).toBe(true);
    const expected = JSON.stringify(store.state);
    await store.close();
    expect(JSON.stringify(loadState(statePath))).toBe(expected);
    expect(loadState(statePath).identity.users.u7.at).toBeInstanceOf(Date);
  });

  it('keeps a symlinked state file a symlink, writing through to its target', async () => {
    const target = join(dir, 'real-target.json');
    const link = join(dir, 'link.json');
    symlinkSync(target, link); // dangling until the first start creates the target
    const store = new StateStore(link);
    const t = new WriteTracker();
    t.wrap(store.state).tags['arn:x'] = { via: 'link' };
    await store.commit(t.changes(store.state));
    expect(await store.compact()).toBe(true);
    await store.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(loadState(target).tags).toEqual({ 'arn:x': { via: 'link' } });
  });

  it('removes temp files a crash left behind', () => {
    const statePath = freshPath();
    saveState(statePath, createEmptyState());
    const leftover = join(dir, `.${statePath.split('/').pop()}.4242.deadbeef.tmp`);
    writeFileSync(leftover, 'half a snapshot');
    new StateStore(statePath).close();
    expect(readdirSync(dir)).not.toContain(leftover.split('/').pop());
  });

  it('refuses at start, naming the path, a state it could not write or trust', () => {
    const asDirectory = join(dir, 'a-directory');
    mkdirSync(asDirectory);
    expect(() => new StateStore(asDirectory)).toThrow(StateFileError);
    expect(() => new StateStore(asDirectory)).toThrow(asDirectory);

    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => new StateStore(join(file, 'state.json'))).toThrow(new RegExp(`${file}/state.json`));

    const wrong = freshPath();
    writeFileSync(wrong, JSON.stringify({ format: 'chatctl-emulator-state', version: 1, state: { identity: null } }));
    expect(() => new StateStore(wrong)).toThrow(`${wrong}: "state.identity" must be an object, found null`);
  });
});

describe('idempotency records', () => {
  it('expire from the oldest without walking the others', async () => {
    const { IdempotencyIndex } = await import('../../src/emulator/idempotency.js');
    const state = createEmptyState();
    const index = new IdempotencyIndex();
    index.sync(state, 0);
    const call = (token: string) => ({ service: 'identity' as const, operation: 'CreateAppInstance', tokenMember: 'ClientRequestToken', input: { ClientRequestToken: token, Name: 'x' } });
    const day = 24 * 60 * 60 * 1000;
    const t0 = Date.UTC(2026, 0, 1);
    index.remember(state, call('old'), 201, '{}', new Date(t0));
    for (let i = 0; i < 1000; i++) index.remember(state, call(`t${i}`), 201, '{}', new Date(t0 + day / 2));
    // From here on, enumerating the records would throw: remember must not need to.
    const records = state.idempotency!;
    state.idempotency = new Proxy(records, {
      ownKeys: () => {
        throw new Error('walked every record');
      },
    });
    index.remember(state, call('new'), 201, '{}', new Date(t0 + day + 1));
    const key = (token: string) => `identity/CreateAppInstance/${token}`;
    expect(records[key('old')]).toBeUndefined();
    expect(records[key('t999')]).toBeDefined();
    expect(records[key('new')]).toBeDefined();
  });
});

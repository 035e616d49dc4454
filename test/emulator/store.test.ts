// Durable state: survives a restart, and a write acknowledged with 2xx is on disk even when the
// process is killed with SIGKILL right after the answer.
import { CreateAppInstanceCommand, CreateAppInstanceUserCommand, DescribeAppInstanceUserCommand } from '@aws-sdk/client-chime-sdk-identity';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyState, loadState, saveState } from '../../src/emulator/store.js';
import { emulator, identityClient } from './helpers.js';
import type { Emulator } from '../../src/emulator/server.js';

const dir = mkdtempSync(join(tmpdir(), 'chatctl-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
  it('round-trips Dates and leaves no temp files', () => {
    const path = join(dir, 'roundtrip.json');
    const state = createEmptyState();
    state.identity.sample = { when: new Date('2024-05-06T07:08:09.123Z'), nested: [{ at: new Date(0) }], text: 'x' };
    state.tags['arn:x'] = { k: 'v' };
    saveState(path, state);
    const loaded = loadState(path);
    expect(loaded.identity.sample.when).toBeInstanceOf(Date);
    expect(loaded.identity.sample.when.toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect(loaded.identity.sample.nested[0].at.getTime()).toBe(0);
    expect(loaded.tags).toEqual({ 'arn:x': { k: 'v' } });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('starts empty without a file and refuses a corrupt one', () => {
    expect(loadState(join(dir, 'absent.json'))).toEqual(createEmptyState());
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "chatctl-emulator-state", "version": 1, "state": {');
    expect(() => loadState(bad)).toThrow(/not valid JSON/);
  });

  it('survives an emulator restart', async () => {
    const statePath = join(dir, 'restart.json');
    let emu: Emulator = await emulator({ statePath });
    const app = await identityClient(emu).send(new CreateAppInstanceCommand({ Name: 'persisted' }));
    const user = await identityClient(emu).send(
      new CreateAppInstanceUserCommand({ AppInstanceArn: app.AppInstanceArn, AppInstanceUserId: 'alice', Name: 'Alice' }),
    );
    const before = await identityClient(emu).send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: user.AppInstanceUserArn }));
    await emu.close();

    emu = await emulator({ statePath });
    try {
      const after = await identityClient(emu).send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: user.AppInstanceUserArn }));
      expect(after.AppInstanceUser?.Name).toBe('Alice');
      expect(after.AppInstanceUser?.CreatedTimestamp?.getTime()).toBe(before.AppInstanceUser?.CreatedTimestamp?.getTime());
    } finally {
      await emu.close();
    }
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL', async () => {
    const bundle = join(dir, 'emulator-child.mjs');
    await build({
      entryPoints: ['test/emulator/fixtures/emulator-child.ts'],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const statePath = join(dir, 'killed.json');
    const child = spawn(process.execPath, [bundle, statePath], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`emulator child exited early (${code})`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      const fake = { url, region: 'us-east-1', credentials: { accessKeyId: 'AKIACHATCTLEMULATOR1', secretAccessKey: 'chatctl/emulator/secret/do-not-use-in-prod' } };
      const client = identityClient(fake as Emulator);
      const app = await client.send(new CreateAppInstanceCommand({ Name: 'durable' }));
      const ids = Array.from({ length: 10 }, (_, i) => `user${i}`);
      for (const id of ids) {
        await client.send(new CreateAppInstanceUserCommand({ AppInstanceArn: app.AppInstanceArn, AppInstanceUserId: id, Name: id }));
      }
      // The last answer arrived: kill at once, no chance to flush anything.
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const state = loadState(statePath);
      expect(Object.keys(state.identity.appInstances)).toEqual([app.AppInstanceArn]);
      expect(Object.keys(state.identity.users).map((arn) => arn.split('/').pop())).toEqual(ids);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

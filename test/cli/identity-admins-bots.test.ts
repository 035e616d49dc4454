// admin add/list/get/remove and bot create/list/get/update/delete against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv as emulatorEnv, type CliEnv as Env } from './harness.js';

let e: Env;
let app: string;
const run = (...args: string[]) => e.run(['--app-instance', app, ...args]);
const lines = (s: string) => s.split('\n').filter(Boolean);
const ALIAS = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST';
const ALIAS2 = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/ZZZZZZZZZZ';

beforeAll(async () => {
  e = await emulatorEnv();
  const r = await e.run(['app-instance', 'create', 'admins-bots-test', '-o', 'id']);
  expect(r.code, r.stderr).toBe(0);
  app = r.stdout.trim();
  for (const id of ['alice', 'bob']) {
    const u = await run('user', 'create', id, '--name', id.toUpperCase());
    expect(u.code, u.stderr).toBe(0);
  }
});
afterAll(() => e?.close());

describe('bot', () => {
  let botArn: string;
  let botId: string;

  it('create prints the new bot ARN', async () => {
    const r = await run(
      'bot', 'create', '--name', 'Helper', '--lex-bot-alias', ALIAS, '--locale', 'en_US',
      '--invoked-by-standard', 'MENTIONS', '--invoked-by-targeted', 'ALL', '--metadata', 'bm', '--tag', 'team=chat', '-o', 'json',
    );
    expect(r.code, r.stderr).toBe(0);
    botArn = r.json().AppInstanceBotArn;
    expect(botArn.startsWith(`${app}/bot/`)).toBe(true);
    botId = botArn.slice(`${app}/bot/`.length);
    expect(r.stderr).toContain('Created bot Helper');

    const old = await run('bot', 'create', '--name', 'Legacy', '--lex-bot-alias', ALIAS, '--locale', 'en_US', '--responds-to', 'STANDARD_MESSAGES', '-o', 'id');
    expect(old.code, old.stderr).toBe(0);
    expect(lines(old.stdout)).toHaveLength(1);
    expect(old.stdout.startsWith(`${app}/bot/`)).toBe(true);
  });

  it('create checks flags before any call', async () => {
    const base = ['bot', 'create', '--name', 'X', '--lex-bot-alias', ALIAS];
    expect((await run(...base)).code).toBe(252); // no --locale
    expect((await run(...base, '--locale', 'en_US', '--invoked-by-standard', 'SOMETIMES', '--invoked-by-targeted', 'ALL')).code).toBe(252);
    expect((await run(...base, '--locale', 'en_US', '--invoked-by-standard', 'ALL')).code).toBe(252);
    expect((await run(...base, '--locale', 'en_US', '--responds-to', 'STANDARD_MESSAGES', '--invoked-by-standard', 'ALL', '--invoked-by-targeted', 'ALL')).code).toBe(252);
    const list = await run('bot', 'list', '-o', 'json');
    expect(list.json().AppInstanceBots.map((b: any) => b.Name).sort()).toEqual(['Helper', 'Legacy']);
  });

  it('list shows the bots (json, -o id, --query)', async () => {
    const j = await run('bot', 'list', '-o', 'json');
    expect(j.code, j.stderr).toBe(0);
    expect(j.json().AppInstanceBots.find((b: any) => b.Name === 'Helper')).toMatchObject({ AppInstanceBotArn: botArn, Metadata: 'bm' });
    const ids = await run('bot', 'ls', '-o', 'id');
    expect(lines(ids.stdout)).toHaveLength(2);
    expect(lines(ids.stdout)).toContain(botArn);
    const q = await run('bot', 'list', '--query', "AppInstanceBots[?Name=='Helper'].AppInstanceBotArn | [0]", '-o', 'json');
    expect(q.json()).toBe(botArn);
  });

  it('get (short id or ARN) prints the Describe output with the Lex configuration', async () => {
    const r = await run('bot', 'get', botId, '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().AppInstanceBot).toMatchObject({
      AppInstanceBotArn: botArn,
      Name: 'Helper',
      Metadata: 'bm',
      Configuration: { Lex: { LexBotAliasArn: ALIAS, LocaleId: 'en_US', InvokedBy: { StandardMessages: 'MENTIONS', TargetedMessages: 'ALL' } } },
    });
    const byArn = await e.run(['bot', 'get', botArn, '-o', 'id']);
    expect(byArn.stdout).toBe(`${botArn}\n`);
  });

  it('update resends unchanged fields and merges Lex flags', async () => {
    const n = await run('bot', 'update', botId, '--name', 'Helper2', '-o', 'json');
    expect(n.code, n.stderr).toBe(0);
    expect(n.json()).toEqual({ AppInstanceBotArn: botArn });
    let got = (await run('bot', 'get', botId, '-o', 'json')).json().AppInstanceBot;
    expect(got).toMatchObject({ Name: 'Helper2', Metadata: 'bm' });
    expect(got.Configuration.Lex).toMatchObject({ LexBotAliasArn: ALIAS, LocaleId: 'en_US', InvokedBy: { StandardMessages: 'MENTIONS', TargetedMessages: 'ALL' } });

    const lex = await run('bot', 'update', botId, '--invoked-by-standard', 'NONE', '--lex-bot-alias', ALIAS2);
    expect(lex.code, lex.stderr).toBe(0);
    got = (await run('bot', 'get', botId, '-o', 'json')).json().AppInstanceBot;
    expect(got).toMatchObject({ Name: 'Helper2', Metadata: 'bm' });
    expect(got.Configuration.Lex).toMatchObject({ LexBotAliasArn: ALIAS2, LocaleId: 'en_US', InvokedBy: { StandardMessages: 'NONE', TargetedMessages: 'ALL' } });
  });

  it('update --dry-run changes nothing; no flags is a usage error', async () => {
    const d = await run('bot', 'update', botId, '--locale', 'de_DE', '--dry-run', '-o', 'json');
    expect(d.code, d.stderr).toBe(0);
    const op = d.json().operations[0];
    expect(op.operation).toBe('UpdateAppInstanceBot');
    expect(op.input.Configuration.Lex.LocaleId).toBe('de_DE');
    expect((await run('bot', 'get', botId, '-o', 'json')).json().AppInstanceBot.Configuration.Lex.LocaleId).toBe('en_US');
    expect((await run('bot', 'update', botId)).code).toBe(252);
  });

  it('can be made an admin as bot/<id>', async () => {
    const r = await run('admin', 'add', `bot/${botId}`, '-o', 'id');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${botArn}\n`);
    const ids = lines((await run('admin', 'list', '-o', 'id')).stdout);
    expect(ids).toContain(botArn);
    const rm = await run('admin', 'remove', `bot/${botId}`, '--yes');
    expect(rm.code, rm.stderr).toBe(0);
    expect(lines((await run('admin', 'list', '-o', 'id')).stdout)).not.toContain(botArn);
  });

  it('delete asks, honours --dry-run, then deletes', async () => {
    expect((await run('bot', 'delete', botId)).code).toBe(252);
    const dry = await run('bot', 'delete', botId, '--dry-run', '-o', 'json');
    expect(dry.json().operations).toEqual([{ operation: 'DeleteAppInstanceBot', input: { AppInstanceBotArn: botArn } }]);
    expect((await run('bot', 'get', botId)).code).toBe(0);

    const del = await run('bot', 'delete', botId, '--yes');
    expect(del.code, del.stderr).toBe(0);
    const gone = await run('bot', 'get', botId);
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain('NotFoundException');
    expect(lines((await run('bot', 'list', '-o', 'id')).stdout)).not.toContain(botArn);
  });
});

describe('bots by name', () => {
  const create = async (name: string, ...flags: string[]) =>
    run('bot', 'create', '--name', name, '--lex-bot-alias', ALIAS, '--locale', 'en_US', '--responds-to', 'STANDARD_MESSAGES', ...flags, '-o', 'id');

  it('get takes an id, a name, or either as bot/<...>', async () => {
    const arn = (await create('concierge')).stdout.trim();
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    for (const ref of [id, `bot/${id}`, 'concierge', 'bot/concierge', arn]) {
      const r = await run('bot', 'get', ref, '-o', 'id');
      expect(r.code, `${ref}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toBe(`${arn}\n`);
    }
    const missing = await run('bot', 'get', 'nobody');
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain("error: bot 'nobody' not found");
  });

  it('create --if-not-exists finds one by name; an ambiguous name lists the candidates', async () => {
    const first = (await create('greeter')).stdout.trim();
    const again = await create('greeter', '--if-not-exists');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`${first}\n`);
    expect(again.stderr).toContain('already exists');

    const second = (await create('greeter')).stdout.trim();
    const amb = await create('greeter', '--if-not-exists');
    expect(amb.code).toBe(252);
    expect(amb.stderr).toContain("error: bot name 'greeter' is ambiguous: 2 bots have it");
    expect(amb.stderr).toContain(first);
    expect(amb.stderr).toContain(second);
    expect((await run('bot', 'get', 'greeter')).code).toBe(252);
    expect((await run('bot', 'list', '--query', "length(AppInstanceBots[?Name=='greeter'])", '-o', 'json')).json()).toBe(2);
  });

  it('delete takes several, reports each and exits 1 when some failed', async () => {
    await create('doomed');
    const r = await run('bot', 'delete', 'doomed', 'nobody', 'concierge', '--yes');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('✓ Deleted bot doomed');
    expect(r.stderr).toContain("✗ bot nobody: bot 'nobody' not found");
    expect(r.stderr).toContain('✓ Deleted bot concierge');
    expect(r.stderr).toContain('error: 1 of 3 bots failed');
    const ignored = await run('bot', 'delete', 'doomed', '--yes', '--ignore-not-found');
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(ignored.stderr).toContain('bot doomed not found; nothing to do');
  });
});

describe('admin', () => {
  it('add makes a user an admin and prints the API response', async () => {
    const r = await run('admin', 'add', 'alice', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ AppInstanceArn: app, AppInstanceAdmin: { Arn: `${app}/user/alice` } });
    // A full ARN needs no --app-instance.
    const b = await e.run(['admin', 'add', `${app}/user/bob`, '-o', 'id']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(`${app}/user/bob\n`);
  });

  it('list shows the admins (json, -o id, --query)', async () => {
    const j = await run('admin', 'list', '-o', 'json');
    expect(j.code, j.stderr).toBe(0);
    expect(j.json().AppInstanceAdmins.map((a: any) => a.Admin.Arn).sort()).toEqual([`${app}/user/alice`, `${app}/user/bob`]);
    const ids = await run('admin', 'ls', '-o', 'id');
    expect(lines(ids.stdout).sort()).toEqual([`${app}/user/alice`, `${app}/user/bob`]);
    const q = await run('admin', 'list', '--query', 'length(AppInstanceAdmins)', '-o', 'json');
    expect(q.json()).toBe(2);
  });

  it('get describes an admin', async () => {
    const r = await run('admin', 'get', 'alice', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().AppInstanceAdmin).toMatchObject({ Admin: { Arn: `${app}/user/alice`, Name: 'ALICE' }, AppInstanceArn: app });
  });

  it('add --dry-run changes nothing', async () => {
    const u = await run('user', 'create', 'carol', '--name', 'C');
    expect(u.code, u.stderr).toBe(0);
    const d = await run('admin', 'add', 'carol', '--dry-run', '-o', 'json');
    expect(d.code, d.stderr).toBe(0);
    expect(d.json().operations).toEqual([{ operation: 'CreateAppInstanceAdmin', input: { AppInstanceArn: app, AppInstanceAdminArn: `${app}/user/carol` } }]);
    expect(lines((await run('admin', 'list', '-o', 'id')).stdout)).not.toContain(`${app}/user/carol`);
  });

  it('remove asks, then removes', async () => {
    const refused = await run('admin', 'remove', 'bob');
    expect(refused.code).toBe(252);
    expect(refused.stderr).toContain('refusing to remove admin user bob');
    const r = await run('admin', 'rm', 'bob', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(lines((await run('admin', 'list', '-o', 'id')).stdout)).toEqual([`${app}/user/alice`]);
    const gone = await run('admin', 'get', 'bob');
    expect(gone.code).toBe(254);
    expect(gone.stderr).toContain('NotFoundException');
    expect((await run('admin', 'remove', 'bob', '--yes', '--ignore-not-found')).code).toBe(0);
  });
});

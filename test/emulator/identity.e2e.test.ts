// Chime SDK identity end to end: the real @aws-sdk/client-chime-sdk-identity v3 client against
// startEmulator({port: 0}) on 127.0.0.1, every operation at least once, plus the errors.
import * as id from '@aws-sdk/client-chime-sdk-identity';
import { CreateRoomCommand, IvschatClient } from '@aws-sdk/client-ivschat';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHandlers } from '../../src/emulator/services/index.js';
import type { Emulator } from '../../src/emulator/server.js';
import { emulator, failure, identityClient } from './helpers.js';

let emu: Emulator;
let client: id.ChimeSDKIdentityClient;
const lines: string[] = [];

beforeAll(async () => {
  emu = await emulator({ log: (l) => lines.push(l) });
  client = identityClient(emu);
});
afterAll(async () => {
  client?.destroy();
  await emu?.close();
});

const lexConfiguration = {
  Lex: {
    LexBotAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST',
    LocaleId: 'en_US',
    InvokedBy: { StandardMessages: 'MENTIONS' as const, TargetedMessages: 'ALL' as const },
  },
};

async function newAppInstance(name = 'app'): Promise<string> {
  const out = await client.send(new id.CreateAppInstanceCommand({ Name: name, Metadata: 'meta', Tags: [{ Key: 'team', Value: 'chat' }] }));
  expect(out.$metadata.httpStatusCode).toBe(201);
  return out.AppInstanceArn!;
}

describe('AppInstances', () => {
  it('creates, describes, lists, updates and deletes', async () => {
    const arn = await newAppInstance('first');
    expect(arn).toMatch(/^arn:aws:chime:us-east-1:123456789012:app-instance\/[0-9a-f-]{36}$/);

    const described = await client.send(new id.DescribeAppInstanceCommand({ AppInstanceArn: arn }));
    expect(described.AppInstance).toMatchObject({ AppInstanceArn: arn, Name: 'first', Metadata: 'meta' });
    expect(described.AppInstance?.CreatedTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(described.AppInstance!.CreatedTimestamp!.getTime() - Date.now())).toBeLessThan(60_000);

    const listed = await client.send(new id.ListAppInstancesCommand({}));
    expect(listed.AppInstances?.map((a) => a.AppInstanceArn)).toContain(arn);

    await new Promise((r) => setTimeout(r, 5));
    const updated = await client.send(new id.UpdateAppInstanceCommand({ AppInstanceArn: arn, Name: 'renamed', Metadata: '' }));
    expect(updated.AppInstanceArn).toBe(arn);
    const after = (await client.send(new id.DescribeAppInstanceCommand({ AppInstanceArn: arn }))).AppInstance!;
    expect(after.Name).toBe('renamed');
    expect(after.Metadata).toBe('');
    expect(after.LastUpdatedTimestamp!.getTime()).toBeGreaterThan(after.CreatedTimestamp!.getTime());

    const deleted = await client.send(new id.DeleteAppInstanceCommand({ AppInstanceArn: arn }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const gone = await failure(client.send(new id.DescribeAppInstanceCommand({ AppInstanceArn: arn })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.Code).toBe('NotFound');
  });

  it('is idempotent on ClientRequestToken and refuses a reused token with other parameters', async () => {
    const token = 'idem-token-1';
    const a = await client.send(new id.CreateAppInstanceCommand({ Name: 'idem', ClientRequestToken: token }));
    const b = await client.send(new id.CreateAppInstanceCommand({ Name: 'idem', ClientRequestToken: token }));
    expect(b.AppInstanceArn).toBe(a.AppInstanceArn);
    expect(b.$metadata.httpStatusCode).toBe(201);
    const all = await client.send(new id.ListAppInstancesCommand({ MaxResults: 50 }));
    expect(all.AppInstances?.filter((x) => x.Name === 'idem')).toHaveLength(1);
    const clash = await failure(client.send(new id.CreateAppInstanceCommand({ Name: 'other', ClientRequestToken: token })));
    expect(clash.name).toBe('ConflictException');
    expect(clash.$metadata.httpStatusCode).toBe(409);
    expect(clash.Code).toBe('Conflict');
  });

  it('answers BadRequestException for invalid input', async () => {
    const err = await failure(client.send(new id.CreateAppInstanceCommand({ Name: '' })));
    expect(err.name).toBe('BadRequestException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.Code).toBe('BadRequest');
    expect(err.message).toContain("at 'Name' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const arn = await failure(client.send(new id.DescribeAppInstanceCommand({ AppInstanceArn: 'not-an-arn' })));
    expect(arn.name).toBe('BadRequestException');
    expect(arn.message).toContain("at 'AppInstanceArn'");
  });
});

describe('users, endpoints and expiration', () => {
  let app: string;
  let alice: string;
  beforeAll(async () => {
    app = await newAppInstance('users');
  });

  it('creates, describes, lists (paged), updates and deletes users', async () => {
    const created = await client.send(
      new id.CreateAppInstanceUserCommand({
        AppInstanceArn: app,
        AppInstanceUserId: 'alice',
        Name: 'Alice',
        Metadata: 'm',
        Tags: [{ Key: 'role', Value: 'dev' }],
        ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' },
      }),
    );
    alice = created.AppInstanceUserArn!;
    expect(alice).toBe(`${app}/user/alice`);
    const dup = await failure(client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'alice', Name: 'Again' })));
    expect(dup.name).toBe('ConflictException');
    expect(dup.$metadata.httpStatusCode).toBe(409);

    const described = await client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: alice }));
    expect(described.AppInstanceUser).toMatchObject({
      AppInstanceUserArn: alice,
      Name: 'Alice',
      Metadata: 'm',
      ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' },
    });

    for (const u of ['bob', 'carol']) {
      await client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: u, Name: u }));
    }
    const page1 = await client.send(new id.ListAppInstanceUsersCommand({ AppInstanceArn: app, MaxResults: 2 }));
    expect(page1.AppInstanceArn).toBe(app);
    expect(page1.AppInstanceUsers?.map((u) => u.Name)).toEqual(['Alice', 'bob']);
    expect(page1.NextToken).toBeTruthy();
    const page2 = await client.send(new id.ListAppInstanceUsersCommand({ AppInstanceArn: app, MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.AppInstanceUsers?.map((u) => u.Name)).toEqual(['carol']);
    expect(page2.NextToken).toBeUndefined();
    const foreign = await failure(client.send(new id.ListAppInstancesCommand({ NextToken: page1.NextToken })));
    expect(foreign.name).toBe('BadRequestException');

    const updated = await client.send(new id.UpdateAppInstanceUserCommand({ AppInstanceUserArn: alice, Name: 'Alice A.', Metadata: 'new' }));
    expect(updated.AppInstanceUserArn).toBe(alice);
    expect((await client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: alice }))).AppInstanceUser?.Name).toBe('Alice A.');

    const bob = `${app}/user/bob`;
    await client.send(new id.DeleteAppInstanceUserCommand({ AppInstanceUserArn: bob }));
    const gone = await failure(client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: bob })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    const again = await failure(client.send(new id.DeleteAppInstanceUserCommand({ AppInstanceUserArn: bob })));
    expect(again.name).toBe('NotFoundException');
  });

  it('sets and clears user expiration', async () => {
    const set = await client.send(
      new id.PutAppInstanceUserExpirationSettingsCommand({
        AppInstanceUserArn: alice,
        ExpirationSettings: { ExpirationDays: 7, ExpirationCriterion: 'CREATED_TIMESTAMP' },
      }),
    );
    expect(set).toMatchObject({ AppInstanceUserArn: alice, ExpirationSettings: { ExpirationDays: 7 } });
    const cleared = await client.send(new id.PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: alice }));
    expect(cleared.ExpirationSettings).toBeUndefined();
    expect((await client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: alice }))).AppInstanceUser?.ExpirationSettings).toBeUndefined();
    const bad = await failure(
      client.send(
        new id.PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: alice, ExpirationSettings: { ExpirationDays: 0, ExpirationCriterion: 'CREATED_TIMESTAMP' } }),
      ),
    );
    expect(bad.name).toBe('BadRequestException');
  });

  it('registers, describes, lists, updates and deregisters endpoints (max 10)', async () => {
    const register = (name: string) =>
      client.send(
        new id.RegisterAppInstanceUserEndpointCommand({
          AppInstanceUserArn: alice,
          Name: name,
          Type: 'GCM',
          ResourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abcdef',
          EndpointAttributes: { DeviceToken: `token-${name}` },
        }),
      );
    const first = await register('phone');
    expect(first.$metadata.httpStatusCode).toBe(201);
    expect(first.AppInstanceUserArn).toBe(alice);
    const endpointId = first.EndpointId!;
    expect(endpointId).toMatch(/^[0-9a-f]{32}$/);

    const described = await client.send(new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: alice, EndpointId: endpointId }));
    expect(described.AppInstanceUserEndpoint).toMatchObject({
      EndpointId: endpointId,
      Name: 'phone',
      Type: 'GCM',
      AllowMessages: 'ALL',
      EndpointState: { Status: 'ACTIVE' },
      EndpointAttributes: { DeviceToken: 'token-phone' },
    });

    const updated = await client.send(new id.UpdateAppInstanceUserEndpointCommand({ AppInstanceUserArn: alice, EndpointId: endpointId, AllowMessages: 'NONE' }));
    expect(updated.EndpointId).toBe(endpointId);

    for (let i = 1; i < 10; i++) await register(`device${i}`);
    const full = await failure(register('eleventh'));
    expect(full.name).toBe('ResourceLimitExceededException');
    expect(full.$metadata.httpStatusCode).toBe(400);

    const listed = await client.send(new id.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: alice, MaxResults: 50 }));
    expect(listed.AppInstanceUserEndpoints).toHaveLength(10);
    expect(listed.AppInstanceUserEndpoints?.[0]).toMatchObject({ EndpointId: endpointId, AllowMessages: 'NONE', Type: 'GCM' });

    await client.send(new id.DeregisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: alice, EndpointId: endpointId }));
    const gone = await failure(client.send(new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: alice, EndpointId: endpointId })));
    expect(gone.name).toBe('NotFoundException');
  });
});

describe('bots, admins, retention and tags', () => {
  let app: string;
  let bot: string;
  beforeAll(async () => {
    app = await newAppInstance('bots');
  });

  it('creates, describes, lists, updates and deletes bots', async () => {
    const created = await client.send(new id.CreateAppInstanceBotCommand({ AppInstanceArn: app, Name: 'helper', Configuration: lexConfiguration }));
    bot = created.AppInstanceBotArn!;
    expect(bot).toMatch(new RegExp(`^${app}/bot/[0-9a-f-]{36}$`));
    const described = await client.send(new id.DescribeAppInstanceBotCommand({ AppInstanceBotArn: bot }));
    expect(described.AppInstanceBot).toMatchObject({ AppInstanceBotArn: bot, Name: 'helper', Configuration: lexConfiguration });
    const listed = await client.send(new id.ListAppInstanceBotsCommand({ AppInstanceArn: app }));
    expect(listed.AppInstanceBots).toEqual([{ AppInstanceBotArn: bot, Name: 'helper' }]);
    await client.send(new id.UpdateAppInstanceBotCommand({ AppInstanceBotArn: bot, Name: 'helper2', Metadata: 'x' }));
    expect((await client.send(new id.DescribeAppInstanceBotCommand({ AppInstanceBotArn: bot }))).AppInstanceBot).toMatchObject({
      Name: 'helper2',
      Metadata: 'x',
    });
    const badLex = await failure(
      client.send(
        new id.CreateAppInstanceBotCommand({ AppInstanceArn: app, Configuration: { Lex: { ...lexConfiguration.Lex, LexBotAliasArn: 'arn:aws:lex:nope' } } }),
      ),
    );
    expect(badLex.name).toBe('BadRequestException');
    expect(badLex.message).toContain("at 'Configuration.Lex.LexBotAliasArn'");
  });

  it('promotes, describes, lists and demotes admins', async () => {
    const user = (await client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: app, AppInstanceUserId: 'admin1', Name: 'Boss' })))
      .AppInstanceUserArn!;
    const created = await client.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: user }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ AppInstanceArn: app, AppInstanceAdmin: { Arn: user, Name: 'Boss' } });
    await client.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: bot }));
    const dup = await failure(client.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: user })));
    expect(dup.name).toBe('ConflictException');

    const described = await client.send(new id.DescribeAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: user }));
    expect(described.AppInstanceAdmin).toMatchObject({ Admin: { Arn: user, Name: 'Boss' }, AppInstanceArn: app });
    expect(described.AppInstanceAdmin?.CreatedTimestamp).toBeInstanceOf(Date);

    const listed = await client.send(new id.ListAppInstanceAdminsCommand({ AppInstanceArn: app }));
    expect(listed.AppInstanceAdmins?.map((a) => a.Admin?.Arn)).toEqual([user, bot]);

    await client.send(new id.DeleteAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: user }));
    const demoted = await failure(client.send(new id.DescribeAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: user })));
    expect(demoted.name).toBe('NotFoundException');
    // Demoting does not delete the user.
    expect((await client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: user }))).AppInstanceUser?.Name).toBe('Boss');

    const ghost = await failure(client.send(new id.CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: `${app}/user/ghost` })));
    expect(ghost.name).toBe('NotFoundException');
  });

  it('puts and gets retention settings; {} turns retention off', async () => {
    const empty = await client.send(new id.GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: app }));
    expect(empty.AppInstanceRetentionSettings).toEqual({});
    const put = await client.send(
      new id.PutAppInstanceRetentionSettingsCommand({ AppInstanceArn: app, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 30 } } }),
    );
    expect(put.AppInstanceRetentionSettings).toEqual({ ChannelRetentionSettings: { RetentionDays: 30 } });
    expect(put.InitiateDeletionTimestamp).toBeInstanceOf(Date);
    const got = await client.send(new id.GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: app }));
    expect(got.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays).toBe(30);
    const off = await client.send(new id.PutAppInstanceRetentionSettingsCommand({ AppInstanceArn: app, AppInstanceRetentionSettings: { ChannelRetentionSettings: {} } }));
    expect(off.AppInstanceRetentionSettings).toEqual({ ChannelRetentionSettings: {} });
    expect(off.InitiateDeletionTimestamp).toBeUndefined();
  });

  it('tags identity resources, including tags given at creation', async () => {
    expect((await client.send(new id.ListTagsForResourceCommand({ ResourceARN: app }))).Tags).toEqual([{ Key: 'team', Value: 'chat' }]);
    const tagged = await client.send(new id.TagResourceCommand({ ResourceARN: bot, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    await client.send(new id.UntagResourceCommand({ ResourceARN: bot, TagKeys: ['a'] }));
    expect((await client.send(new id.ListTagsForResourceCommand({ ResourceARN: bot }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const missing = await failure(client.send(new id.TagResourceCommand({ ResourceARN: `${app}/user/nobody`, Tags: [{ Key: 'a', Value: '1' }] })));
    expect(missing.name).toBe('NotFoundException');
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const limit = await failure(client.send(new id.TagResourceCommand({ ResourceARN: bot, Tags: tooMany })));
    expect(limit.name).toBe('ResourceLimitExceededException');
  });

  it('deletes bots, and deleting an AppInstance removes everything under it', async () => {
    await client.send(new id.DeleteAppInstanceBotCommand({ AppInstanceBotArn: bot }));
    expect((await failure(client.send(new id.DescribeAppInstanceBotCommand({ AppInstanceBotArn: bot })))).name).toBe('NotFoundException');

    const user = `${app}/user/admin1`;
    await client.send(new id.DeleteAppInstanceCommand({ AppInstanceArn: app }));
    expect((await failure(client.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: user })))).name).toBe('NotFoundException');
    expect((await failure(client.send(new id.ListAppInstanceUsersCommand({ AppInstanceArn: app })))).name).toBe('NotFoundException');
    expect(emu.state.tags[app]).toBeUndefined();
  });
});

describe('the HTTP surface', () => {
  it('rejects a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException', async () => {
    const wrong = await failure(identityClient(emu, { secretAccessKey: 'not-the-secret' }).send(new id.ListAppInstancesCommand({})));
    expect(wrong.name).toBe('InvalidSignatureException');
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const unknown = await failure(identityClient(emu, { accessKeyId: 'AKIAUNKNOWN' }).send(new id.ListAppInstancesCommand({})));
    expect(unknown.name).toBe('UnrecognizedClientException');
    expect(unknown.$metadata.httpStatusCode).toBe(403);
  });

  it('answers unsigned and unknown requests like the AWS front end', async () => {
    const unsigned = await fetch(`${emu.url}/app-instances`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
    const unknown = await fetch(`${emu.url}/no/such/route`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(unknown.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('works behind an endpoint base path', async () => {
    const prefixed = identityClient(emu, { endpoint: `${emu.url}/some/prefix` });
    const out = await prefixed.send(new id.CreateAppInstanceCommand({ Name: 'prefixed' }));
    expect((await prefixed.send(new id.DescribeAppInstanceCommand({ AppInstanceArn: out.AppInstanceArn }))).AppInstance?.Name).toBe('prefixed');
  });

  it('answers IVS Chat validation errors in the IVS dialect', async () => {
    const ivs = new IvschatClient({ region: emu.region, endpoint: emu.url, credentials: emu.credentials, maxAttempts: 1 });
    const err = await failure(ivs.send(new CreateRoomCommand({ name: 'not valid!' })));
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.reason).toBe('FIELD_VALIDATION_FAILED');
    expect(err.fieldList).toEqual([expect.objectContaining({ name: 'name' })]);
    // A Chime-scoped signature on an IVS route is refused.
    const chimeSigned = new IvschatClient({ region: emu.region, endpoint: emu.url, credentials: emu.credentials, maxAttempts: 1, signingName: 'chime' } as never);
    const scoped = await failure(chimeSigned.send(new CreateRoomCommand({})));
    expect(scoped.name).toBe('InvalidSignatureException');
    expect(scoped.message).toContain("Credential should be scoped to correct service: 'ivschat'");
  });

  it('answers a missing handler with 501 and a handler crash with ServiceFailureException 500', async () => {
    const saved = identityHandlers.ListAppInstances!;
    try {
      delete identityHandlers.ListAppInstances;
      const missing = await failure(client.send(new id.ListAppInstancesCommand({})));
      expect(missing.name).toBe('ServiceFailureException');
      expect(missing.$metadata.httpStatusCode).toBe(501);
      expect(missing.message).toBe('operation ListAppInstances is not implemented by the emulator yet');
      identityHandlers.ListAppInstances = () => {
        throw new Error('boom');
      };
      const crash = await failure(client.send(new id.ListAppInstancesCommand({})));
      expect(crash.name).toBe('ServiceFailureException');
      expect(crash.$metadata.httpStatusCode).toBe(500);
      expect(lines.some((l) => l.includes('ListAppInstances crashed') && l.includes('boom'))).toBe(true);
    } finally {
      identityHandlers.ListAppInstances = saved;
    }
  });
});

// botocore (the AWS CLI v2 from Debian's awscli, which .ci/run installs) signs and encodes
// independently of the JS SDK; skipped only where /usr/bin/aws is missing.
const AWS_CLI = '/usr/bin/aws';
const hasAwsCli = (() => {
  try {
    execFileSync(AWS_CLI, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasAwsCli)('the AWS CLI (botocore)', () => {
  const run = promisify(execFile);
  const aws = async (secret: string, ...args: string[]) => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: emu.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_DEFAULT_REGION: emu.region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_MAX_ATTEMPTS: '1',
    };
    try {
      const { stdout } = await run(AWS_CLI, ['--endpoint-url', emu.url, '--output', 'json', 'chime-sdk-identity', ...args], { env });
      return { ok: true, out: stdout };
    } catch (err) {
      return { ok: false, out: (err as { stderr: string }).stderr };
    }
  };

  it('is accepted, including ARN labels in the path, and sees error names', async () => {
    const created = await aws(emu.credentials.secretAccessKey, 'create-app-instance', '--name', 'from cli');
    expect(created.ok).toBe(true);
    const arn = JSON.parse(created.out).AppInstanceArn as string;
    const user = await aws(emu.credentials.secretAccessKey, 'create-app-instance-user', '--app-instance-arn', arn, '--app-instance-user-id', 'cli', '--name', 'CLI');
    expect(user.ok).toBe(true);
    const described = await aws(emu.credentials.secretAccessKey, 'describe-app-instance-user', '--app-instance-user-arn', `${arn}/user/cli`);
    expect(JSON.parse(described.out).AppInstanceUser.Name).toBe('CLI');
    const missing = await aws(emu.credentials.secretAccessKey, 'describe-app-instance-user', '--app-instance-user-arn', `${arn}/user/nobody`);
    expect(missing.out).toContain('(NotFoundException)');
    const wrong = await aws('wrong-secret', 'list-app-instances');
    expect(wrong.out).toContain('(InvalidSignatureException)');

    const secret = emu.credentials.secretAccessKey;
    const apps = JSON.parse((await aws(secret, 'list-app-instances')).out).AppInstances;
    expect(apps.map((a: { AppInstanceArn: string }) => a.AppInstanceArn)).toContain(arn);
    expect(JSON.parse((await aws(secret, 'describe-app-instance', '--app-instance-arn', arn)).out).AppInstance.Name).toBe('from cli');
    const users = JSON.parse((await aws(secret, 'list-app-instance-users', '--app-instance-arn', arn)).out).AppInstanceUsers;
    expect(users.map((u: { Name: string }) => u.Name)).toEqual(['CLI']);
    expect((await aws(secret, 'delete-app-instance-user', '--app-instance-user-arn', `${arn}/user/cli`)).ok).toBe(true);
    expect(JSON.parse((await aws(secret, 'list-app-instance-users', '--app-instance-arn', arn)).out).AppInstanceUsers).toEqual([]);
    expect((await aws(secret, 'delete-app-instance', '--app-instance-arn', arn)).ok).toBe(true);
    expect((await aws(secret, 'describe-app-instance', '--app-instance-arn', arn)).out).toContain('(NotFoundException)');
  }, 60_000);
});

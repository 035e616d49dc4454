import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/emulator/router.js';
import { ServiceError } from '../../src/emulator/types.js';
import { buildInput, type InputSources } from '../../src/emulator/validate.js';
import type { ServiceName } from '../../src/emulator/types.js';

const app = 'arn:aws:chime:us-east-1:123456789012:app-instance/11111111-2222-3333-4444-555555555555';
const room = 'arn:aws:ivschat:us-east-1:123456789012:room/abcdABCD1234';

function input(service: ServiceName, op: string, parts: Partial<Omit<InputSources, 'query'>> & { query?: string }) {
  return buildInput(service, op, {
    labels: parts.labels ?? {},
    query: parseQuery(parts.query ?? ''),
    headers: parts.headers ?? {},
    body: parts.body,
  });
}

function rejection(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected a validation error');
}

const user = (body: Record<string, unknown>) =>
  input('identity', 'CreateAppInstanceUser', { body: { AppInstanceArn: app, AppInstanceUserId: 'alice', Name: 'Alice', ClientRequestToken: 'tok-1', ...body } });

describe('validation (Chime dialect)', () => {
  it('accepts a valid input and keeps model member names', () => {
    expect(user({ Metadata: 'm' })).toEqual({ AppInstanceArn: app, AppInstanceUserId: 'alice', Name: 'Alice', Metadata: 'm', ClientRequestToken: 'tok-1' });
  });

  it('reports missing required members as BadRequestException naming the member', () => {
    const err = rejection(() => input('identity', 'CreateAppInstanceUser', { body: { AppInstanceArn: app, ClientRequestToken: 'tok' } }));
    expect(err.shape).toBe('BadRequestException');
    expect(err.message).toContain('2 validation errors detected');
    expect(err.message).toContain("at 'AppInstanceUserId' failed to satisfy constraint: Member must not be null");
    expect(err.message).toContain("at 'Name' failed to satisfy constraint: Member must not be null");
  });

  it('counts string length in code points', () => {
    const astral = '😀'; // two UTF-16 units, one code point
    expect(input('identity', 'CreateAppInstance', { body: { Name: astral.repeat(256) } }).Name).toHaveLength(512);
    const err = rejection(() => input('identity', 'CreateAppInstance', { body: { Name: astral.repeat(257) } }));
    expect(err.message).toContain("at 'Name' failed to satisfy constraint: Member must have length less than or equal to 256");
    expect(rejection(() => input('identity', 'CreateAppInstance', { body: { Name: '' } })).message).toContain('greater than or equal to 1');
  });

  it('applies patterns with the u flag and without implicit anchors', () => {
    expect(input('identity', 'CreateAppInstance', { body: { Name: 'émoji 😀 ok' } }).Name).toBe('émoji 😀 ok');
    expect(rejection(() => input('identity', 'CreateAppInstance', { body: { Name: 'bell\u0007' } })).message).toContain('regular expression pattern');
    expect(rejection(() => user({ AppInstanceUserId: 'b!ob' })).message).toContain("at 'AppInstanceUserId'");
    // UserName's pattern is `\S`: "contains a non-space", not "is one non-space".
    expect(user({ Name: '  spaced name  ' }).Name).toBe('  spaced name  ');
    expect(rejection(() => user({ Name: '   ' })).message).toContain("at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S");
  });

  it('checks enums, ranges and nested structures with their member paths', () => {
    const endpoint = (body: Record<string, unknown>) =>
      input('identity', 'RegisterAppInstanceUserEndpoint', {
        labels: { AppInstanceUserArn: `${app}/user/alice` },
        body: { Type: 'GCM', ResourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/x', EndpointAttributes: { DeviceToken: 't' }, ...body },
      });
    expect(endpoint({}).Type).toBe('GCM');
    expect(rejection(() => endpoint({ Type: 'FAX' })).message).toContain('Member must satisfy enum value set: [APNS, APNS_SANDBOX, GCM]');
    expect(rejection(() => endpoint({ EndpointAttributes: {} })).message).toContain("at 'EndpointAttributes.DeviceToken' failed");
    const retention = (days: unknown) =>
      input('identity', 'PutAppInstanceRetentionSettings', {
        labels: { AppInstanceArn: app },
        body: { AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: days } } },
      });
    expect(retention(5475).AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays).toBe(5475);
    expect(rejection(() => retention(5476)).message).toContain(
      "Value '5476' at 'AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays' failed to satisfy constraint: Member must have value less than or equal to 5475",
    );
    expect(rejection(() => retention(1.5)).message).toContain('Member must be an integer');
  });

  it('checks list lengths and list members', () => {
    const tags = (Tags: unknown) => input('identity', 'CreateAppInstance', { body: { Name: 'a', Tags } });
    expect(rejection(() => tags([])).message).toContain("at 'Tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(rejection(() => tags(many)).message).toContain('less than or equal to 50');
    expect(rejection(() => tags([{ Key: 'k' }])).message).toContain("at 'Tags[0].Value' failed to satisfy constraint: Member must not be null");
    expect(rejection(() => tags({ Key: 'k', Value: 'v' })).message).toContain('Member must be a list');
  });

  it('checks JSON types', () => {
    expect(rejection(() => input('identity', 'CreateAppInstance', { body: { Name: 5 } })).message).toContain("at 'Name' failed to satisfy constraint: Member must be a string");
    const bool = rejection(() =>
      input('messaging', 'ChannelFlowCallback', {
        labels: { ChannelArn: `${app}/channel/c` },
        body: { CallbackId: 'x'.repeat(32), ChannelMessage: { MessageId: 'm' }, DeleteResource: 'yes' },
      }),
    );
    expect(bool.message).toContain("at 'DeleteResource' failed to satisfy constraint: Member must be a boolean");
  });

  it('converts query strings to integers, timestamps and lists before validating', () => {
    const list = (query: string) => input('identity', 'ListAppInstanceUsers', { query: `app-instance-arn=${encodeURIComponent(app)}&${query}` });
    expect(list('max-results=50')).toEqual({ AppInstanceArn: app, MaxResults: 50 });
    expect(rejection(() => list('max-results=0')).message).toContain('greater than or equal to 1');
    expect(rejection(() => list('max-results=51')).message).toContain('less than or equal to 50');
    expect(rejection(() => list('max-results=ten')).message).toContain("at 'MaxResults' failed to satisfy constraint: Member must be an integer");
    const messages = input('messaging', 'ListChannelMessages', {
      labels: { ChannelArn: `${app}/channel/c` },
      headers: { 'x-amz-chime-bearer': `${app}/user/alice` },
      query: 'not-before=2024-01-02T03:04:05.678Z&sort-order=ASCENDING',
    });
    expect(messages.NotBefore).toEqual(new Date('2024-01-02T03:04:05.678Z'));
    expect(messages.ChimeBearer).toBe(`${app}/user/alice`);
    expect(
      rejection(() =>
        input('messaging', 'ListChannelMessages', {
          labels: { ChannelArn: `${app}/channel/c` },
          headers: { 'x-amz-chime-bearer': `${app}/user/alice` },
          query: 'not-before=yesterday',
        }),
      ).message,
    ).toContain("at 'NotBefore' failed to satisfy constraint: Member must be a timestamp (date-time)");
    // A required header missing is a missing member.
    expect(rejection(() => input('messaging', 'ListChannelMessages', { labels: { ChannelArn: `${app}/channel/c` } })).message).toContain("'ChimeBearer'");
  });

  it('fills a missing idempotency token like the SDKs do', () => {
    const token = input('identity', 'CreateAppInstance', { body: { Name: 'a' } }).ClientRequestToken;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a body that is not a JSON object', () => {
    expect(rejection(() => input('identity', 'CreateAppInstance', { body: [1, 2] })).shape).toBe('BadRequestException');
  });
});

describe('validation (IVS Chat dialect)', () => {
  it('answers ValidationException with reason and fieldList', () => {
    const err = rejection(() => input('ivschat', 'CreateRoom', { body: { name: 'bad name!', maximumMessageLength: 501 } }));
    expect(err.shape).toBe('ValidationException');
    expect(err.fields.reason).toBe('FIELD_VALIDATION_FAILED');
    expect((err.fields.fieldList as Array<{ name: string }>).map((f) => f.name)).toEqual(['name', 'maximumMessageLength']);
    expect(err.message).toMatch(/^2 validation errors detected: /);
  });

  it('requires exactly one member of a union', () => {
    const create = (destinationConfiguration: unknown) => input('ivschat', 'CreateLoggingConfiguration', { body: { destinationConfiguration } });
    expect(create({ s3: { bucketName: 'my-bucket' } }).destinationConfiguration).toEqual({ s3: { bucketName: 'my-bucket' } });
    expect(rejection(() => create({})).message).toContain('Member must have exactly one of [s3, cloudWatchLogs, firehose] set, found 0');
    expect(rejection(() => create({ s3: { bucketName: 'abc' }, firehose: { deliveryStreamName: 'x' } })).message).toContain('found 2');
    expect(rejection(() => create({ s3: { bucketName: 'UPPER' } })).fields.fieldList).toEqual([
      expect.objectContaining({ name: 'destinationConfiguration.s3.bucketName' }),
    ]);
  });

  it('checks maps and repeated query parameters', () => {
    expect(input('ivschat', 'UntagResource', { labels: { resourceArn: room }, query: 'tagKeys=a&tagKeys=b' }).tagKeys).toEqual(['a', 'b']);
    const tag = (tags: unknown) => input('ivschat', 'TagResource', { labels: { resourceArn: room }, body: { tags } });
    expect(tag({ env: 'dev' }).tags).toEqual({ env: 'dev' });
    expect(rejection(() => tag({ env: 'x'.repeat(257) })).message).toContain("at 'tags[env]' failed to satisfy constraint: Member must have length less than or equal to 256");
    expect(rejection(() => tag(['env'])).message).toContain('Member must be a map');
    // The fixed resourceArn pattern accepts a real room ARN; a Chime ARN fails.
    const chimeArn = rejection(() => input('ivschat', 'TagResource', { labels: { resourceArn: app }, body: { tags: {} } }));
    expect(chimeArn.fields.fieldList).toEqual([expect.objectContaining({ name: 'resourceArn' })]);
  });

  it('checks integer types in JSON bodies', () => {
    expect(rejection(() => input('ivschat', 'ListRooms', { body: { maxResults: '5' } })).message).toContain("at 'maxResults' failed to satisfy constraint: Member must be an integer");
    expect(input('ivschat', 'ListRooms', { body: { maxResults: 5 } })).toEqual({ maxResults: 5 });
  });
});

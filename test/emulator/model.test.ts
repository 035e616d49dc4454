// The generated model tables: operation counts, unique routes, pattern fixes, and that the
// committed tables are exactly what the generator produces from the Smithy models.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS, SERVICE_NAMES } from '../../src/emulator/model.js';

const routeKey = (op: { method: string; segments: Array<{ literal: string } | { label: string }>; queryLiterals?: Record<string, string> }) =>
  `${op.method} /${op.segments.map((s) => ('literal' in s ? s.literal : '{}')).join('/')}?${Object.entries(op.queryLiterals ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&')}`;

describe('generated model tables', () => {
  it('has every operation of the three services', () => {
    expect(Object.keys(MODELS.identity.operations)).toHaveLength(30);
    expect(Object.keys(MODELS.messaging.operations)).toHaveLength(51);
    expect(Object.keys(MODELS.ivschat.operations)).toHaveLength(17);
  });

  it('gives every route a unique method/path/literal, except the three shared Chime tag routes', () => {
    const seen = new Map<string, string[]>();
    for (const service of SERVICE_NAMES) {
      for (const [name, op] of Object.entries(MODELS[service].operations)) {
        const key = routeKey(op);
        seen.set(key, [...(seen.get(key) ?? []), `${service}.${name}`]);
      }
    }
    const shared = [...seen.entries()].filter(([, ops]) => ops.length > 1);
    expect(shared.map(([key, ops]) => [key, ops.sort()])).toEqual([
      ['GET /tags?', ['identity.ListTagsForResource', 'messaging.ListTagsForResource']],
      ['POST /tags?operation=tag-resource', ['identity.TagResource', 'messaging.TagResource']],
      ['POST /tags?operation=untag-resource', ['identity.UntagResource', 'messaging.UntagResource']],
    ]);
  });

  it('records bindings, status codes, idempotency tokens and pagination', () => {
    const create = MODELS.identity.operations.CreateAppInstance!;
    expect(create.status).toBe(201);
    expect(create.idempotencyToken).toBe('ClientRequestToken');
    expect(create.required).toEqual(['Name', 'ClientRequestToken']);
    const list = MODELS.identity.operations.ListAppInstanceUsers!;
    expect(list.bindings.MaxResults).toEqual({ in: 'query', name: 'max-results' });
    expect(list.paginated).toEqual({ inputToken: 'NextToken', outputToken: 'NextToken', pageSize: 'MaxResults', items: 'AppInstanceUsers' });
    expect(MODELS.messaging.operations.SendChannelMessage!.bindings.ChimeBearer).toEqual({ in: 'header', name: 'x-amz-chime-bearer' });
    expect(MODELS.messaging.operations.BatchCreateChannelMembership!.queryLiterals).toEqual({ operation: 'batch-create' });
    expect(MODELS.ivschat.operations.UntagResource!.bindings.tagKeys).toEqual({ in: 'query', name: 'tagKeys' });
    expect(MODELS.ivschat.operations.DeleteRoom!.status).toBe(204);
    const paginated = SERVICE_NAMES.map((s) => Object.values(MODELS[s].operations).filter((o) => o.paginated).length);
    expect(paginated).toEqual([5, 11, 2]);
  });

  it('records error shapes with status and fault', () => {
    expect(MODELS.identity.errors.ResourceLimitExceededException).toMatchObject({ status: 400, fault: 'client' });
    expect(MODELS.messaging.errors.ServiceFailureException).toMatchObject({ status: 500, fault: 'server' });
    expect(MODELS.ivschat.errors.ServiceQuotaExceededException).toMatchObject({ status: 402, required: ['message', 'resourceId', 'resourceType', 'limit'] });
    expect(MODELS.ivschat.errors.PendingVerification!.status).toBe(403);
  });

  it('knows each service timestamp format and signing name', () => {
    expect(MODELS.identity.bodyTimestampFormat).toBe('epoch-seconds');
    expect(MODELS.ivschat.bodyTimestampFormat).toBe('date-time');
    expect(MODELS.messaging.signingName).toBe('chime');
    expect(MODELS.ivschat.signingName).toBe('ivschat');
  });

  it('fixes the model patterns JavaScript cannot use verbatim', () => {
    const name = new RegExp(MODELS.identity.shapes.NonEmptyResourceName!.pattern!, 'u');
    expect(name.test('chat 😀 room')).toBe(true); // supplementary plane
    expect(name.test('bad\u0001name')).toBe(false);
    const userId = new RegExp(MODELS.identity.shapes.UserId!.pattern!, 'u');
    expect(userId.test('alice@example.com')).toBe(true);
    expect(userId.test('-alice')).toBe(false);
    const ivsArn = new RegExp(MODELS.ivschat.shapes.ResourceArn!.pattern!, 'u');
    expect(ivsArn.test('arn:aws:ivschat:us-east-1:123456789012:room/abcdABCD1234')).toBe(true);
    expect(new RegExp(MODELS.ivschat.shapes.ResourceArn!.modelPattern!, 'u').test('arn:aws:ivschat:us-east-1:123456789012:room/abcdABCD1234')).toBe(false);
    for (const service of SERVICE_NAMES) {
      for (const shape of Object.values(MODELS[service].shapes)) {
        if (shape.pattern !== undefined) expect(() => new RegExp(shape.pattern!, 'u')).not.toThrow();
      }
    }
  });

  it('is exactly what scripts/gen-model.mjs generates from the Smithy models', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-model-'));
    try {
      execFileSync(process.execPath, ['scripts/gen-model.mjs', 'models', dir, join(dir, 'operations.gen.ts')], { stdio: 'pipe' });
      expect(readFileSync(join(dir, 'operations.gen.ts'), 'utf8')).toBe(readFileSync('src/aws/operations.gen.ts', 'utf8'));
      for (const service of SERVICE_NAMES) {
        expect(readFileSync(join(dir, `${service}.json`), 'utf8')).toBe(readFileSync(`src/emulator/model/${service}.json`, 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

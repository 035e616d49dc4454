import { describe, expect, it } from 'vitest';
import { errorBody, errorStatus, notImplemented, validationError } from '../../src/emulator/errors.js';
import { page } from '../../src/emulator/paginate.js';
import { ServiceError } from '../../src/emulator/types.js';

describe('error bodies', () => {
  it('writes Chime errors as {Code, Message} with the model status', () => {
    const err = new ServiceError('ResourceLimitExceededException', 'too many');
    expect(errorBody('identity', err)).toEqual({ Code: 'ResourceLimitExceeded', Message: 'too many' });
    expect(errorStatus('messaging', err)).toBe(400);
    expect(errorBody('messaging', new ServiceError('ThrottledClientException', 'slow'))).toEqual({ Code: 'Throttled', Message: 'slow' });
  });

  it('writes IVS errors as {message, ...members}, filling required members', () => {
    const err = new ServiceError('ServiceQuotaExceededException', 'quota', { resourceId: 'r1', resourceType: 'ROOM', limit: 50000 });
    expect(errorBody('ivschat', err)).toEqual({ message: 'quota', resourceId: 'r1', resourceType: 'ROOM', limit: 50000 });
    expect(errorStatus('ivschat', err)).toBe(402);
    expect(errorBody('ivschat', new ServiceError('ResourceNotFoundException', 'gone', { resourceId: 'x' }))).toEqual({
      message: 'gone',
      resourceId: 'x',
      resourceType: 'ROOM',
    });
    expect(validationError('ivschat', [{ name: 'a', message: 'bad' }]).fields).toEqual({ reason: 'FIELD_VALIDATION_FAILED', fieldList: [{ name: 'a', message: 'bad' }] });
  });

  it('writes front-end errors as {message} with their own status', () => {
    const err = new ServiceError('InvalidSignatureException', 'nope');
    expect(errorBody('identity', err)).toEqual({ message: 'nope' });
    expect(errorStatus('identity', err)).toBe(403);
    expect(errorStatus('ivschat', new ServiceError('UnknownOperationException', 'x'))).toBe(404);
    expect(errorStatus('ivschat', notImplemented('ivschat', 'GetRoom'))).toBe(501);
    expect(notImplemented('identity', 'X').shape).toBe('ServiceFailureException');
  });
});

describe('page', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  const ctx = (input: Record<string, unknown>) => ({ service: 'identity' as const, operation: 'ListAppInstanceUsers', input: { AppInstanceArn: 'a', ...input } });

  it('walks all items with opaque tokens and the default (maximum) page size', () => {
    const first = page(items, ctx({ MaxResults: 3 }));
    expect(first.items).toEqual([0, 1, 2]);
    const second = page(items, ctx({ MaxResults: 3, NextToken: first.nextToken }));
    expect(second.items).toEqual([3, 4, 5]);
    const third = page(items, ctx({ MaxResults: 3, NextToken: second.nextToken }));
    expect(third).toEqual({ items: [6] });
    expect(page(items, ctx({}))).toEqual({ items });
  });

  it('refuses forged tokens and tokens of other parameters, in each service dialect', () => {
    const token = page(items, ctx({ MaxResults: 3 })).nextToken;
    expect(() => page(items, { ...ctx({ NextToken: token }), input: { AppInstanceArn: 'b', NextToken: token } })).toThrow(/Invalid NextToken/);
    expect(() => page(items, ctx({ NextToken: 'garbage' }))).toThrow(ServiceError);
    try {
      page(items, { service: 'ivschat', operation: 'ListRooms', input: { nextToken: 'garbage' } });
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as ServiceError).shape).toBe('ValidationException');
      expect((err as ServiceError).fields.fieldList).toEqual([expect.objectContaining({ name: 'nextToken' })]);
    }
  });
});

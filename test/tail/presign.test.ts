// The connect URL tail presigns, checked by an independent SigV4 implementation written here
// with node:crypto only (no smithy): service chime, host signed, 10 s expiry, the signature.
import { describe, expect, it } from 'vitest';
import { presignConnectUrl } from '../../src/tail/chime.js';
import { independentSignature } from './sigv4-check.js';

describe('presignConnectUrl', () => {
  const input = {
    endpoint: '127.0.0.1:4599',
    scheme: 'ws' as const,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    userArn: 'arn:aws:chime:us-east-1:123456789012:app-instance/ai/user/alice',
    sessionId: '1234567890',
    prefetch: true,
    now: new Date('2024-05-01T10:00:00Z'),
  };

  it('signs for chime with host signed and a 10 s expiry, verifiable independently', async () => {
    const url = await presignConnectUrl(input);
    expect(url.startsWith('ws://127.0.0.1:4599/connect?')).toBe(true);
    const { expected, given, params } = independentSignature(url, input.credentials.secretAccessKey);
    expect(given).toBe(expected);
    expect(params.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20240501/us-east-1/chime/aws4_request');
    expect(params.get('X-Amz-Expires')).toBe('10');
    expect(params.get('X-Amz-SignedHeaders')).toBe('host');
    expect(params.get('X-Amz-Date')).toBe('20240501T100000Z');
    expect(params.get('userArn')).toBe(input.userArn);
    expect(params.get('prefetch-on')).toBe('connect');
    // The signature is the last parameter, as the JS SDK sends it.
    expect(url).toMatch(/&X-Amz-Signature=[0-9a-f]{64}$/);
    expect(independentSignature(url, 'another-secret').expected).not.toBe(given);
  });

  it('signs the session token when the credentials have one', async () => {
    const url = await presignConnectUrl({ ...input, credentials: { ...input.credentials, sessionToken: 'TOKEN/with+chars=' } });
    const { expected, given, params } = independentSignature(url, input.credentials.secretAccessKey);
    expect(params.get('X-Amz-Security-Token')).toBe('TOKEN/with+chars=');
    expect(given).toBe(expected);
  });
});

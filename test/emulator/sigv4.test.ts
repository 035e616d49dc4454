// SigV4 verification against requests signed by @smithy/signature-v4 (the AWS SDK v3 signer),
// a known-answer presigned URL from amazon-chime-sdk-js, and (end to end) the AWS CLI.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/emulator/router.js';
import { verifyPresigned, verifyRequest, type Credentials, type SignedRequest } from '../../src/emulator/sigv4.js';
import { ServiceError } from '../../src/emulator/types.js';

const creds: Credentials = { accessKeyId: 'AKIACHATCTLEMULATOR1', secretAccessKey: 'chatctl/emulator/secret/do-not-use-in-prod' };
const when = new Date('2026-01-02T03:04:05Z');
const userArn = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc/user/alice';
const path = `/app-instance-users/${encodeURIComponent(userArn)}`;

type Signable = Parameters<SignatureV4['sign']>[0] & { path: string };

async function signed(
  over: { method?: string; path?: string; query?: Record<string, string | string[]>; body?: string; service?: string; credentials?: Credentials; date?: Date } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({ service: over.service ?? 'chime', region: 'us-east-1', credentials: over.credentials ?? creds, sha256: Sha256 });
  const request = {
    method: over.method ?? 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4599,
    path: over.path ?? path,
    query: over.query ?? {},
    headers: { host: '127.0.0.1:4599', 'content-type': 'application/json', 'x-amz-user-agent': 'test' },
    body: over.body,
  } as Signable;
  const out = (await signer.sign(request, { signingDate: over.date ?? when })) as unknown as { headers: Record<string, string>; query: Record<string, string | string[]> };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v;
  const pairs = Object.entries(out.query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}=${encodeURIComponent(x)}`) : [`${k}=${encodeURIComponent(v)}`]));
  return { method: request.method, rawPath: request.path, query: parseQuery(pairs.join('&')), headers, body: Buffer.from(over.body ?? '') };
}

async function rejection(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected verification to fail');
}

const opts = { credentials: creds, service: 'chime', now: when };

describe('verifyRequest', () => {
  it('accepts requests signed like the AWS SDK v3 signs them', async () => {
    const ok = await verifyRequest(await signed(), opts);
    expect(ok).toMatchObject({ accessKeyId: creds.accessKeyId, region: 'us-east-1', service: 'chime' });
    await verifyRequest(await signed({ method: 'POST', path: '/tags', query: { operation: 'tag-resource' }, body: '{"ResourceARN":"x"}' }), opts);
    await verifyRequest(await signed({ path: '/tags', query: { tagKeys: ['b', 'a'], arn: 'arn:aws:x:y/z w' } }), opts);
  });

  it('rejects a signature made with the wrong secret', async () => {
    const err = await rejection(verifyRequest(await signed({ credentials: { ...creds, secretAccessKey: 'wrong' } }), opts));
    expect(err.shape).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it('rejects a tampered path, query or body', async () => {
    const req = await signed({ method: 'POST', path: '/app-instances', body: '{"Name":"a"}' });
    expect((await rejection(verifyRequest({ ...req, rawPath: '/app-instances/x' }, opts))).shape).toBe('InvalidSignatureException');
    expect((await rejection(verifyRequest({ ...req, query: parseQuery('x=1') }, opts))).shape).toBe('InvalidSignatureException');
    const body = await rejection(verifyRequest({ ...req, body: Buffer.from('{"Name":"b"}') }, opts));
    expect(body.shape).toBe('InvalidSignatureException');
  });

  it('rejects stale and future dates beyond five minutes', async () => {
    const req = await signed();
    const stale = await rejection(verifyRequest(req, { ...opts, now: new Date(when.getTime() + 6 * 60_000) }));
    expect(stale.shape).toBe('InvalidSignatureException');
    expect(stale.message).toBe('Signature expired: 20260102T030405Z is now earlier than 20260102T030505Z (20260102T031005Z - 5 min.)');
    const future = await rejection(verifyRequest(req, { ...opts, now: new Date(when.getTime() - 6 * 60_000) }));
    expect(future.message).toMatch(/^Signature not yet current: 20260102T030405Z is still later than/);
    await verifyRequest(req, { ...opts, now: new Date(when.getTime() + 4 * 60_000) });
  });

  it('rejects unknown access keys, missing auth and the wrong service scope', async () => {
    const unknown = await rejection(verifyRequest(await signed({ credentials: { ...creds, accessKeyId: 'AKIAOTHER' } }), opts));
    expect(unknown.shape).toBe('UnrecognizedClientException');
    expect(unknown.message).toBe('The security token included in the request is invalid.');
    const req = await signed();
    const { authorization: _a, ...unsigned } = req.headers;
    const missing = await rejection(verifyRequest({ ...req, headers: unsigned }, opts));
    expect(missing.shape).toBe('MissingAuthenticationTokenException');
    const scope = await rejection(verifyRequest(await signed({ service: 'ivschat' }), opts));
    expect(scope.shape).toBe('InvalidSignatureException');
    expect(scope.message).toContain("Credential should be scoped to correct service: 'chime'");
  });

  it('checks the session token when the emulator has one', async () => {
    const withToken = { ...creds, sessionToken: 'SESSION' };
    await verifyRequest(await signed({ credentials: withToken }), { ...opts, credentials: withToken });
    expect((await rejection(verifyRequest(await signed(), { ...opts, credentials: withToken }))).shape).toBe('UnrecognizedClientException');
    expect((await rejection(verifyRequest(await signed({ credentials: withToken }), opts))).shape).toBe('UnrecognizedClientException');
  });
});

describe('verifyPresigned', () => {
  // Known-answer vector computed by amazon-chime-sdk-js 3.32.0.
  const vector = {
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'SESSIONTOKEN' },
    date: new Date('2020-12-14T17:13:59Z'),
    host: 'abc123.us-east-1.ws-messaging.chime.aws',
    query: [
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      `X-Amz-Credential=${encodeURIComponent('AKIDEXAMPLE/20201214/us-east-1/chime/aws4_request')}`,
      'X-Amz-Date=20201214T171359Z',
      'X-Amz-Expires=10',
      'X-Amz-Security-Token=SESSIONTOKEN',
      'X-Amz-SignedHeaders=host',
      'X-Amzn-User-Agent=chrome-120',
      'X-Amzn-Version=3.32.0',
      'prefetch-on=connect',
      'sessionId=1234567890',
      `userArn=${encodeURIComponent('arn:aws:chime:us-east-1:123456789012:app-instance/694d2099-cb1e-463e-9d64-697ff5b8950e/user/johndoe')}`,
      'X-Amz-Signature=fb359c951f43a5ecb338e56f9a5cf56d00672d0c5ee53b0c41d39318ece3d2ce',
    ].join('&'),
  };
  const connect = (query: string) => ({ method: 'GET', rawPath: '/connect', query: parseQuery(query), headers: { host: vector.host } });
  const vopts = { credentials: vector.credentials, service: 'chime', now: new Date('2020-12-14T17:14:02Z') };

  it('accepts the amazon-chime-sdk-js known-answer URL', async () => {
    const ok = await verifyPresigned(connect(vector.query), vopts);
    expect(ok).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'chime' });
  });

  it('rejects it once expired, when altered, or with another secret', async () => {
    const expired = await rejection(verifyPresigned(connect(vector.query), { ...vopts, now: new Date('2020-12-14T17:15:00Z') }));
    expect(expired.message).toMatch(/^Signature expired/);
    const altered = await rejection(verifyPresigned(connect(vector.query.replace('johndoe', 'janedoe')), vopts));
    expect(altered.shape).toBe('InvalidSignatureException');
    const secret = await rejection(verifyPresigned(connect(vector.query), { ...vopts, credentials: { ...vector.credentials, secretAccessKey: 'x' } }));
    expect(secret.shape).toBe('InvalidSignatureException');
    const token = await rejection(verifyPresigned(connect(vector.query), { ...vopts, credentials: { ...vector.credentials, sessionToken: 'OTHER' } }));
    expect(token.shape).toBe('UnrecognizedClientException');
  });

  it('accepts URLs presigned by @smithy/signature-v4', async () => {
    const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: creds, sha256: Sha256 });
    const url = (await signer.presign(
      { method: 'GET', protocol: 'ws:', hostname: '127.0.0.1', path: '/connect', query: { userArn, sessionId: '42' }, headers: { host: '127.0.0.1:4599' } } as Signable,
      { signingDate: when, expiresIn: 10 },
    )) as unknown as { query: Record<string, string> };
    const query = Object.entries(url.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    await verifyPresigned({ method: 'GET', rawPath: '/connect', query: parseQuery(query), headers: { host: '127.0.0.1:4599' } }, { ...opts, now: new Date(when.getTime() + 5000) });
    // The same check runs when verifyRequest sees a request without an Authorization header.
    await verifyRequest({ method: 'GET', rawPath: '/connect', query: parseQuery(query), headers: { host: '127.0.0.1:4599' }, body: Buffer.alloc(0) }, { ...opts, now: when });
  });
});

describe('SigV4 as these services check it', () => {
  it('takes the payload hash from the body: UNSIGNED-PAYLOAD or a mismatched x-amz-content-sha256 is refused', async () => {
    const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: creds, sha256: Sha256, applyChecksum: true });
    const request = {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/app-instances',
      query: {},
      headers: { host: '127.0.0.1:4599', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: '{"Name":"a"}',
    } as Signable;
    const out = (await signer.sign(request, { signingDate: when })) as unknown as { headers: Record<string, string> };
    const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const err = await rejection(verifyRequest({ method: 'POST', rawPath: '/app-instances', query: [], headers, body: Buffer.from('{"Name":"a"}') }, opts));
    expect(err.shape).toBe('InvalidSignatureException');
  });

  it("requires the credential scope to name the emulator's region", async () => {
    const err = await rejection(verifyRequest(await signed(), { ...opts, region: 'eu-west-1' }));
    expect(err.shape).toBe('InvalidSignatureException');
    expect(err.message).toContain("Credential should be scoped to a valid region, not 'us-east-1'");
    await verifyRequest(await signed(), { ...opts, region: 'us-east-1' });
  });

  it('requires x-amz-chime-bearer to be signed when present', async () => {
    const req = await signed();
    const err = await rejection(verifyRequest({ ...req, headers: { ...req.headers, 'x-amz-chime-bearer': userArn } }, opts));
    expect(err.shape).toBe('InvalidSignatureException');
    expect(err.message).toContain('x-amz-chime-bearer');
  });

  it('refuses a presigned REST call that carries a body', async () => {
    const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: creds, sha256: Sha256 });
    const url = (await signer.presign(
      { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/app-instances', query: {}, headers: { host: '127.0.0.1:4599' } } as Signable,
      { signingDate: when, expiresIn: 60 },
    )) as unknown as { query: Record<string, string> };
    const query = parseQuery(Object.entries(url.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    const body = Buffer.from('{"Name":"smuggled"}');
    const headers = { host: '127.0.0.1:4599', 'content-length': String(body.length) };
    const err = await rejection(verifyRequest({ method: 'POST', rawPath: '/app-instances', query, headers, body }, opts));
    expect(err.shape).toBe('InvalidSignatureException');
  });
});

describe('signRequest', () => {
  it('signs what verifyRequest accepts, and what it rejects once tampered with', async () => {
    const { signRequest } = await import('../../src/emulator/sigv4.js');
    const body = '{"Name":"a"}';
    const headers = await signRequest(
      { method: 'POST', rawPath: '/app-instances', query: parseQuery('x=1&y=%2F'), headers: { host: '127.0.0.1:4599', 'content-type': 'application/json' }, body },
      { credentials: creds, service: 'chime', region: 'us-east-1', date: when },
    );
    const req = { method: 'POST', rawPath: '/app-instances', query: parseQuery('x=1&y=%2F'), headers, body: Buffer.from(body) };
    await verifyRequest(req, { ...opts, region: 'us-east-1' });
    expect((await rejection(verifyRequest({ ...req, body: Buffer.from('{"Name":"b"}') }, opts))).shape).toBe('InvalidSignatureException');
  });
});

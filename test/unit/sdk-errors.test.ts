import { describe, expect, it } from 'vitest';
import { mapSdkError } from '../../src/aws/errors.js';

const ctx = { operation: 'ListAppInstances', endpointUrl: 'http://127.0.0.1:9', local: true };

function serviceError(name: string, message: string, status = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-1' }, $fault: 'client' });
}

describe('SDK error → exit code', () => {
  it('a service answer is 254 and keeps operation, error name and message in AWS order', () => {
    const e = mapSdkError(serviceError('NotFoundException', 'no such user', 404), ctx);
    expect(e.exitCode).toBe(254);
    expect(e.message).toBe('ListAppInstances: NotFoundException: no such user');
    expect(e.code).toBe('NotFoundException');
    expect(e.details).toEqual([]);
    expect(mapSdkError(serviceError('NotFoundException', 'x', 404), { ...ctx, debug: true }).details).toEqual(['request id: req-1']);
  });

  it('a signature mismatch drops the expected canonical request unless --debug', () => {
    const msg = 'The request signature we calculated does not match. The Canonical String for this request should have been \'GET /\' The String-to-Sign should have been \'x\'';
    expect(mapSdkError(serviceError('InvalidSignatureException', msg, 403), ctx).message).toBe(
      'ListAppInstances: InvalidSignatureException: The request signature we calculated does not match.',
    );
    expect(mapSdkError(serviceError('InvalidSignatureException', msg, 403), { ...ctx, debug: true }).message).toContain('Canonical String');
  });

  it('missing region and credentials are configuration errors (253) with hints', () => {
    const region = mapSdkError(new Error('Region is missing'), ctx);
    expect([region.exitCode, region.hint]).toEqual([253, 'set --region or AWS_REGION']);
    const creds = mapSdkError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), ctx);
    expect(creds.exitCode).toBe(253);
  });

  it('a refused connection is 255, with a hint to start the emulator under --local', () => {
    const e = mapSdkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), ctx);
    expect(e.exitCode).toBe(255);
    expect(e.message).toBe('ListAppInstances: cannot reach http://127.0.0.1:9: ECONNREFUSED');
    expect(e.hint).toContain('chatctl emulator start');
  });
});

describe("answers that are not the service's", () => {
  it('an HTML 404 says HTTP 404 from the endpoint, not the SDK internals', () => {
    const html = Object.assign(new SyntaxError('Unexpected token \'<\', "<html><bod"... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
      $metadata: { httpStatusCode: 404 },
    });
    const e = mapSdkError(html, ctx);
    expect(e.message).toBe('ListAppInstances: HTTP 404 from http://127.0.0.1:9 (not an AWS API response)');
    expect(e.exitCode).toBe(255);
  });

  it('an empty 500 likewise, not Unknown: UnknownError', () => {
    const empty = Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    expect(mapSdkError(empty, ctx).message).toBe('ListAppInstances: HTTP 500 from http://127.0.0.1:9 (not an AWS API response)');
  });
});

describe('timeouts', () => {
  const timeout = (message: string) => Object.assign(new Error(message), { name: 'TimeoutError' });
  it('a connect timeout names the endpoint and the flag to raise', () => {
    const e = mapSdkError(timeout('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 2000 ms.'), ctx);
    expect([e.exitCode, e.message]).toEqual([255, 'ListAppInstances: could not connect to http://127.0.0.1:9 within 2 s']);
    expect(e.hint).toContain('--cli-connect-timeout');
  });
  it('a read timeout likewise', () => {
    const e = mapSdkError(timeout('@smithy/node-http-handler - the request socket timed out after 1000 ms of inactivity (configured by client requestHandler).'), ctx);
    expect(e.message).toBe('ListAppInstances: no answer from http://127.0.0.1:9 within 1 s');
    expect(e.hint).toContain('--cli-read-timeout');
  });
});

describe('error text from the wire', () => {
  it('is one line without escape sequences', () => {
    const e = mapSdkError(serviceError('BadRequestException', 'bad\u001b[2J name\n\u001b]0;pwned\u0007here', 400), ctx);
    expect(e.message).toBe('ListAppInstances: BadRequestException: bad name ]0;pwnedhere');
  });
});

// An independent SigV4 verifier for presigned GET URLs, written with node:crypto only (no
// smithy, no emulator code), so a URL the tail signs is checked by something it does not share.
import { createHash, createHmac } from 'node:crypto';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** Recomputes the signature of a presigned GET URL from its parts (AWS SigV4, query auth). */
export function independentSignature(url: string, secret: string): { expected: string; given: string; params: Map<string, string> } {
  const u = new URL(url);
  const pairs = u.search
    .slice(1)
    .split('&')
    .map((p) => p.split('=').map(decodeURIComponent) as [string, string]);
  const params = new Map(pairs);
  const canonicalQuery = pairs
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = ['GET', u.pathname, canonicalQuery, `host:${u.host}\n`, 'host', sha256('')].join('\n');
  const [, day, region, service] = params.get('X-Amz-Credential')!.split('/');
  const stringToSign = ['AWS4-HMAC-SHA256', params.get('X-Amz-Date')!, `${day}/${region}/${service}/aws4_request`, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4' + secret, day!), region!), service!), 'aws4_request');
  return { expected: hmac(key, stringToSign).toString('hex'), given: params.get('X-Amz-Signature')!, params };
}


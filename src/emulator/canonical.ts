// The SigV4 canonical request, byte for byte as @smithy/signature-v4 (the AWS SDK v3's signer)
// builds it from what was received, but in one pass without its intermediate request, query and
// header objects: it runs on every request. test/emulator/canonical.test.ts holds it to
// smithy's own on generated requests.
//   - path: empty and `.` segments dropped, `..` pops, then URI-encoded once more (a label's
//     `%3A` becomes `%253A`, "double encoding", as for every service but S3);
//   - query: keys and values RFC 3986-encoded, sorted by key, repeated keys by `k=v`;
//     X-Amz-Signature (any case) left out;
//   - headers: exactly the signed ones, sorted, values with line breaks and runs of spaces or
//     tabs made one space, trimmed.
import type { IncomingHttpHeaders } from 'node:http';
import type { QueryPairs } from './router.js';

export function canonicalRequest(
  method: string,
  rawPath: string,
  query: QueryPairs,
  headers: IncomingHttpHeaders,
  signedHeaders: string[],
  payloadHash: string,
): string {
  const names = [...new Set(signedHeaders)].sort();
  let headerLines = '';
  for (const name of names) headerLines += `${name}:${canonicalValue(headers[name])}\n`;
  return `${method.toUpperCase()}\n${canonicalPath(rawPath || '/')}\n${canonicalQuery(query)}\n${headerLines}\n${names.join(';')}\n${payloadHash}`;
}

/** Segments of unreserved characters and escapes only: nothing to normalise, and encoding once
 * more changes only the `%`s. Most paths are like this. */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~%]+)+\/?$/;

function canonicalPath(path: string): string {
  if (PLAIN_PATH.test(path)) return path.replace(/%/g, '%25');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalised).replace(/%2F/g, '/');
}

function canonicalQuery(query: QueryPairs): string {
  if (query.length === 0) return '';
  const byKey = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const encodedKey = escapeUri(key);
    const pair = `${encodedKey}=${escapeUri(value)}`;
    const pairs = byKey.get(encodedKey);
    if (pairs) pairs.push(pair);
    else byKey.set(encodedKey, [pair]);
  }
  return [...byKey.keys()]
    .sort()
    .map((key) => byKey.get(key)!.sort().join('&'))
    .join('&');
}

function canonicalValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

/** RFC 3986: encodeURIComponent, plus the five characters it leaves alone. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

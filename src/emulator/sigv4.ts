// Verifies AWS Signature Version 4 on every request, as the AWS front ends do, by recomputing
// the signature from exactly what was received:
//   - the canonical request of @smithy/signature-v4, the signer the AWS SDK v3 itself uses
//     (canonical.ts: path as received and double-encoded, query re-encoded, signed headers);
//   - the payload hash: SHA-256 of the body as received (these services take no UNSIGNED-PAYLOAD;
//     an `x-amz-content-sha256` header must match it);
//   - the credential scope's region must be the emulator's; `x-amz-chime-bearer` must be signed.
// checkAuthorization runs before the body is read, verifySignature after.
// Failures answer like AWS: MissingAuthenticationTokenException, IncompleteSignatureException,
// UnrecognizedClientException or InvalidSignatureException, all 403.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest } from './canonical.js';
import { sha256Hex } from './hash.js';
import { ServiceError } from './types.js';
import type { QueryPairs } from './router.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** Path as received, without the query string, still percent-encoded. */
  rawPath: string;
  /** Decoded query pairs in received order. */
  query: QueryPairs;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export interface VerifyOptions {
  credentials: Credentials;
  /** Credential-scope service the route requires: `chime` or `ivschat`. */
  service: string;
  now?: Date;
  /** The region the credential scope must name (any region when absent). */
  region?: string;
  /** Allowed clock difference; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

export interface VerifiedIdentity {
  accessKeyId: string;
  region: string;
  service: string;
  date: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const FIVE_MINUTES = 5 * 60 * 1000;

const authError = (shape: string, message: string) => new ServiceError(shape, message);
const invalidSignature = (message: string) => authError('InvalidSignatureException', message);
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** What checkAuthorization found, for verifySignature once the body is read. */
export interface CheckedAuthorization {
  kind: 'header' | 'query';
  credential: string;
  signedHeaders: string[];
  signature: string;
  date: Date;
  /** The date as signed (`20240101T120000Z`). */
  longDate: string;
  scope: Scope;
}

/**
 * Everything about a REST request's signature that does not need the body: the Authorization
 * header (or presigned query), credential scope (key, day, region, service), session token,
 * clock window and signed headers. Runs before the body is read, so an unsigned client cannot
 * make the emulator buffer anything.
 */
export function checkAuthorization(req: Omit<SignedRequest, 'body'>, opts: VerifyOptions): CheckedAuthorization {
  const header = headerValue(req.headers, 'authorization');
  if (header === undefined) {
    if (!req.query.some(([k]) => k === 'X-Amz-Algorithm')) throw authError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    const p = checkPresignedParameters(req, opts);
    checkBearerSigned(req.headers, p.signedHeaders);
    // A presigned REST call cannot sign a body: the services take the payload hash from the
    // body, and a presigned URL signs the empty payload.
    const length = req.headers['content-length'];
    if ((length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined) {
      throw invalidSignature('A presigned request must not have a body.');
    }
    return { kind: 'query', ...p };
  }
  const auth = parseAuthorization(header);
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const httpDate = headerValue(req.headers, 'date');
  if (amzDate === undefined && httpDate === undefined) {
    throw authError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const date = amzDate !== undefined ? parseAmzDate(amzDate) : new Date(Date.parse(httpDate!));
  if (!date || Number.isNaN(date.getTime())) {
    throw authError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate ?? httpDate}'.`);
  }
  const scope = checkScope(auth.credential, date, opts);
  checkSessionToken(headerValue(req.headers, 'x-amz-security-token'), opts.credentials);
  checkClock(date, opts);
  if (!auth.signedHeaders.includes('host')) {
    throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  checkBearerSigned(req.headers, auth.signedHeaders);
  return { kind: 'header', credential: auth.credential, signedHeaders: auth.signedHeaders, signature: auth.signature, date, longDate: amz(date), scope };
}

/** The signature itself, over the body as received (its SHA-256 is the payload hash: these
 * services do not take UNSIGNED-PAYLOAD). Synchronous: it runs on every request. */
export function verifySignature(req: SignedRequest, auth: CheckedAuthorization, opts: VerifyOptions): VerifiedIdentity {
  const bodyHash = sha256Hex(req.body);
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== bodyHash) {
    throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const expected = computeSignature(req, auth.signedHeaders, bodyHash, auth.longDate, auth.scope, opts.credentials);
  if (!sameHex(expected.signature, auth.signature)) {
    throw invalidSignature(
      auth.kind === 'query'
        ? SIGNATURE_MISMATCH
        : `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${expected.canonicalRequest}'\n\n` +
            `The String-to-Sign should have been\n'${expected.stringToSign}'\n`,
    );
  }
  return { accessKeyId: auth.scope.accessKeyId, region: auth.scope.region, service: auth.scope.service, date: auth.date };
}

/** Verifies a signed REST request (header or presigned query) in one call. */
export async function verifyRequest(req: SignedRequest, opts: VerifyOptions): Promise<VerifiedIdentity> {
  return verifySignature(req, checkAuthorization(req, opts), opts);
}

/** Messaging calls act as the user or bot in x-amz-chime-bearer: that header must be signed,
 * or anyone could replay a signed request as someone else. */
function checkBearerSigned(headers: IncomingHttpHeaders, signedHeaders: string[]): void {
  if (headers['x-amz-chime-bearer'] !== undefined && !signedHeaders.includes('x-amz-chime-bearer')) {
    throw invalidSignature("'x-amz-chime-bearer' must be a 'SignedHeader' when the request carries it.");
  }
}

/** Verifies a presigned URL (query-string SigV4: X-Amz-Algorithm, -Credential, -Date, -Expires,
 * -SignedHeaders, -Signature, optional -Security-Token), e.g. the Chime messaging WebSocket
 * `/connect`. The signature covers every query parameter except X-Amz-Signature. */
export async function verifyPresigned(
  req: Omit<SignedRequest, 'body'> & { body?: Uint8Array },
  opts: VerifyOptions,
): Promise<VerifiedIdentity> {
  const p = checkPresignedParameters(req, opts);
  // Presigned URLs normally sign the empty payload; some signers use UNSIGNED-PAYLOAD.
  for (const payloadHash of [EMPTY_SHA256, 'UNSIGNED-PAYLOAD']) {
    const expected = computeSignature({ ...req, body: new Uint8Array() }, p.signedHeaders, payloadHash, p.longDate, p.scope, opts.credentials);
    if (sameHex(expected.signature, p.signature)) {
      return { accessKeyId: p.scope.accessKeyId, region: p.scope.region, service: p.scope.service, date: p.date };
    }
  }
  throw invalidSignature(SIGNATURE_MISMATCH);
}

function checkPresignedParameters(
  req: Omit<SignedRequest, 'body'>,
  opts: VerifyOptions,
): { credential: string; signedHeaders: string[]; signature: string; date: Date; longDate: string; scope: Scope } {
  const q = (name: string) => req.query.find(([k]) => k === name)?.[1];
  const algorithm = q('X-Amz-Algorithm');
  const credential = q('X-Amz-Credential');
  const amzDate = q('X-Amz-Date');
  const expires = q('X-Amz-Expires');
  const signedHeaders = q('X-Amz-SignedHeaders');
  const signature = q('X-Amz-Signature');
  if (algorithm === undefined && signature === undefined) {
    throw authError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const missing = [
    ['X-Amz-Algorithm', algorithm],
    ['X-Amz-Credential', credential],
    ['X-Amz-Signature', signature],
    ['X-Amz-SignedHeaders', signedHeaders],
    ['X-Amz-Date', amzDate],
  ].filter(([, v]) => v === undefined);
  if (missing.length > 0) {
    throw authError(
      'IncompleteSignatureException',
      missing.map(([name]) => `AWS query-string parameters must include '${name}'.`).join(' ') + ' Re-examine the query-string parameters.',
    );
  }
  if (algorithm !== ALGORITHM) throw authError('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${algorithm}'.`);
  const date = parseAmzDate(amzDate!);
  if (!date) throw authError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  const scope = checkScope(credential!, date, opts);
  checkSessionToken(q('X-Amz-Security-Token'), opts.credentials);

  const ttl = expires === undefined ? 900 : Number(expires);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 604800) {
    throw authError('IncompleteSignatureException', 'X-Amz-Expires must be between 0 and 604800 seconds.');
  }
  const now = opts.now ?? new Date();
  const skew = opts.maxSkewMs ?? FIVE_MINUTES;
  if (date.getTime() - now.getTime() > skew) {
    throw invalidSignature(`Signature not yet current: ${amz(date)} is still later than ${amz(new Date(now.getTime() + skew))}`);
  }
  // A small skew allowance on expiry too: the Chime JS SDK signs with a 10 s lifetime.
  if (now.getTime() > date.getTime() + ttl * 1000 + Math.min(skew, 5000)) {
    throw invalidSignature(`Signature expired: ${amz(new Date(date.getTime() + ttl * 1000))} is now earlier than ${amz(now)}`);
  }
  const signed = signedHeaders!.split(';').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return { credential: credential!, signedHeaders: signed, signature: signature!, date, longDate: amz(date), scope };
}

// --- Pieces --------------------------------------------------------------------------------

export interface Scope {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  text: string;
}

function parseAuthorization(header: string): { credential: string; signedHeaders: string[]; signature: string } {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw authError('IncompleteSignatureException', `Authorization header requires existence of a supported algorithm; got '${algorithm}'.`);
  }
  const params: Record<string, string> = {};
  for (const part of header.slice(space + 1).split(',')) {
    const i = part.indexOf('=');
    if (i > 0) params[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params[k]);
  if (missing.length > 0) {
    throw authError(
      'IncompleteSignatureException',
      missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ') + ` Authorization=${header}`,
    );
  }
  return {
    credential: params.Credential!,
    signedHeaders: params.SignedHeaders!.split(';').map((h) => h.trim().toLowerCase()).filter(Boolean),
    signature: params.Signature!,
  };
}

function checkScope(credential: string, date: Date, opts: VerifyOptions): Scope {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw authError(
      'IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  if (accessKeyId !== opts.credentials.accessKeyId) {
    throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const expectedDay = amz(date).slice(0, 8);
  if (shortDate !== expectedDay) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${expectedDay}', from '${amz(date)}'.`,
    );
  }
  if (service !== opts.service) {
    throw invalidSignature(`Credential should be scoped to correct service: '${opts.service}'. `);
  }
  // Like a regional endpoint, the emulator answers for its own region only.
  if (opts.region !== undefined && region !== opts.region) {
    throw invalidSignature(`Credential should be scoped to a valid region, not '${region}'. `);
  }
  return { accessKeyId, shortDate, region, service, text: `${shortDate}/${region}/${service}/aws4_request` };
}

function checkSessionToken(token: string | undefined, credentials: Credentials): void {
  if ((credentials.sessionToken ?? undefined) !== token) {
    throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
}

function checkClock(date: Date, opts: VerifyOptions): void {
  const now = opts.now ?? new Date();
  const skew = opts.maxSkewMs ?? FIVE_MINUTES;
  const minutes = Math.round(skew / 60000);
  if (now.getTime() - date.getTime() > skew) {
    throw invalidSignature(
      `Signature expired: ${amz(date)} is now earlier than ${amz(new Date(now.getTime() - skew))} (${amz(now)} - ${minutes} min.)`,
    );
  }
  if (date.getTime() - now.getTime() > skew) {
    throw invalidSignature(
      `Signature not yet current: ${amz(date)} is still later than ${amz(new Date(now.getTime() + skew))} (${amz(now)} + ${minutes} min.)`,
    );
  }
}

function computeSignature(
  req: SignedRequest,
  signedHeaders: string[],
  payloadHash: string,
  longDate: string,
  scope: Scope,
  credentials: Credentials,
): { signature: string; canonicalRequest: string; stringToSign: string } {
  // Every signed header is canonicalised, even ones SDKs never sign (user-agent...).
  const canonical = canonicalRequest(req.method, req.rawPath, req.query, req.headers, signedHeaders, payloadHash);
  // The hashing is node:crypto's (native): the same SHA-256 and HMAC as the SDK's, several
  // times faster than a JavaScript implementation on every request.
  const stringToSign = `${ALGORITHM}\n${longDate}\n${scope.text}\n${sha256Hex(canonical)}`;
  const key = signingKey(credentials.secretAccessKey, scope.shortDate, scope.region, scope.service);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { signature, canonicalRequest: canonical, stringToSign };
}

const signingKeys = new Map<string, Buffer>();

/** kSigning = HMAC chain over date, region, service, "aws4_request" (cached per day and scope). */
function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  const id = `${shortDate}/${region}/${service}/${secret}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = Buffer.from(`AWS4${secret}`);
    for (const part of [shortDate, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size > 64) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}


function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// The last date formatted and the last parsed: a burst of requests is signed in the same second.
const formatted = { ms: NaN, text: '' };
const parsed = { text: '', ms: NaN };

/** `20240101T120000Z` */
function amz(d: Date): string {
  const ms = d.getTime();
  if (ms !== formatted.ms) {
    formatted.text = d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    formatted.ms = ms;
  }
  return formatted.text;
}

function parseAmzDate(s: string): Date | undefined {
  if (s !== parsed.text) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) return undefined;
    const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
    parsed.ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
    parsed.text = s;
  }
  return new Date(parsed.ms);
}

/** Reads the credential-scope service of a request without verifying anything (used to pick
 * an error dialect for requests no route matches). */
export function scopeServiceOf(headers: IncomingHttpHeaders, query: QueryPairs): string | undefined {
  const auth = headerValue(headers, 'authorization');
  const credential = auth ? /Credential=([^,\s]+)/.exec(auth)?.[1] : query.find(([k]) => k === 'X-Amz-Credential')?.[1];
  return credential?.split('/')[3];
}

/** Signs a request the way the SDKs do (Authorization header over every given header), for
 * the emulator's own load tools and tests; the counterpart of verifyRequest. `headers` must
 * include `host`; x-amz-date (and the session token) are added. */
export async function signRequest(
  req: { method: string; rawPath: string; query: QueryPairs; headers: Record<string, string>; body: Uint8Array | string },
  opts: { credentials: Credentials; service: string; region: string; date?: Date },
): Promise<Record<string, string>> {
  const date = opts.date ?? new Date();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  headers['x-amz-date'] = amz(date);
  if (opts.credentials.sessionToken) headers['x-amz-security-token'] = opts.credentials.sessionToken;
  const signedHeaders = Object.keys(headers).sort();
  const shortDate = amz(date).slice(0, 8);
  const scope: Scope = {
    accessKeyId: opts.credentials.accessKeyId,
    shortDate,
    region: opts.region,
    service: opts.service,
    text: `${shortDate}/${opts.region}/${opts.service}/aws4_request`,
  };
  const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
  const { signature } = computeSignature({ ...req, headers, body }, signedHeaders, sha256Hex(body), amz(date), scope, opts.credentials);
  headers.authorization = `${ALGORITHM} Credential=${scope.accessKeyId}/${scope.text}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return headers;
}

// Pagination for list handlers. Tokens are opaque to clients: base64url of a JSON cursor
// {f: fingerprint, o: offset}. The fingerprint binds a token to its operation and its filters
// (every input member but the token and the page size), so a token replayed on another
// operation, or with other filters, or forged, is rejected with the service's validation error.
// Handlers must return the items in a stable order for offsets to mean the same thing twice.
import { createHash } from 'node:crypto';
import { validationError } from './errors.js';
import { MODELS } from './model.js';
import type { HandlerContext } from './types.js';

export interface PageOptions {
  /** Input member holding the token; default: the model's paginated.inputToken. */
  tokenMember?: string;
  /** Input member holding the page size; default: the model's paginated.pageSize. */
  sizeMember?: string;
  /** Page size when the caller gives none; default: the largest size the model allows. */
  defaultSize?: number;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

type PageContext = Pick<HandlerContext, 'service' | 'operation' | 'input'>;

export function page<T>(items: readonly T[], ctx: PageContext, opts: PageOptions = {}): Page<T> {
  const { size, fingerprint, tokenMember, token } = pageRequest(ctx, opts);
  const offset = token === undefined ? 0 : decodeToken(token, fingerprint, ctx, tokenMember, 'o');
  const slice = items.slice(offset, offset + size);
  const next = offset + slice.length;
  return next < items.length ? { items: slice, nextToken: encodeToken(fingerprint, 'o', next) } : { items: slice };
}

/** Pagination over a sequence that can resume at a key, for lists too large to build whole on
 * every page: `walk(fromKey)` yields entries in list order from that key (from the start when
 * undefined), or returns undefined when the key is gone. The token names the first key of the
 * next page, so a page costs its own size whatever the list's length. */
export function pageByKey<T>(
  ctx: PageContext,
  walk: (fromKey: string | undefined) => Iterable<{ key: string; item: T }> | undefined,
  opts: PageOptions = {},
): Page<T> {
  const { size, fingerprint, tokenMember, token } = pageRequest(ctx, opts);
  const fromKey = token === undefined ? undefined : decodeToken(token, fingerprint, ctx, tokenMember, 'k');
  const entries = walk(fromKey);
  if (!entries) throw invalidToken(ctx, tokenMember, 'the item the token points at no longer exists; list again');
  const items: T[] = [];
  for (const { key, item } of entries) {
    if (items.length === size) return { items, nextToken: encodeToken(fingerprint, 'k', key) };
    items.push(item);
  }
  return { items };
}

function pageRequest(ctx: PageContext, opts: PageOptions) {
  const model = MODELS[ctx.service];
  const op = model.operations[ctx.operation];
  const tokenMember = opts.tokenMember ?? op?.paginated?.inputToken ?? (ctx.service === 'ivschat' ? 'nextToken' : 'NextToken');
  const sizeMember = opts.sizeMember ?? op?.paginated?.pageSize ?? (ctx.service === 'ivschat' ? 'maxResults' : 'MaxResults');
  const sizeShape = op?.input ? model.shapes[model.shapes[op.input]?.members?.[sizeMember]?.target ?? ''] : undefined;
  const maxSize = sizeShape?.range?.max ?? 50;
  const size = Math.min(Number(ctx.input[sizeMember] ?? opts.defaultSize ?? maxSize), maxSize);
  const raw = ctx.input[tokenMember];
  const token = raw === undefined || raw === '' ? undefined : String(raw);
  return { size, fingerprint: fingerprintOf(ctx, tokenMember, sizeMember), tokenMember, token };
}

function fingerprintOf(ctx: PageContext, tokenMember: string, sizeMember: string): string {
  const filters = Object.keys(ctx.input)
    .filter((k) => k !== tokenMember && k !== sizeMember)
    .sort()
    .map((k) => [k, ctx.input[k]]);
  return createHash('sha256')
    .update(JSON.stringify([ctx.service, ctx.operation, filters]))
    .digest('base64url')
    .slice(0, 16);
}

function encodeToken(fingerprint: string, kind: 'o' | 'k', at: number | string): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, [kind]: at })).toString('base64url');
}

/** The cursor of a token: an offset (`o`) or a key (`k`); a token from elsewhere is refused. */
function decodeToken(token: string, fingerprint: string, ctx: PageContext, tokenMember: string, kind: 'o'): number;
function decodeToken(token: string, fingerprint: string, ctx: PageContext, tokenMember: string, kind: 'k'): string;
function decodeToken(token: string, fingerprint: string, ctx: PageContext, tokenMember: string, kind: 'o' | 'k'): number | string {
  let cursor: { f?: unknown; o?: unknown; k?: unknown } | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  const at = cursor?.[kind];
  const valid = kind === 'o' ? typeof at === 'number' && Number.isInteger(at) && at >= 0 : typeof at === 'string';
  if (!cursor || cursor.f !== fingerprint || !valid) {
    throw invalidToken(ctx, tokenMember, `the token was not issued by ${ctx.operation} for these parameters`);
  }
  return at as number | string;
}

function invalidToken(ctx: PageContext, tokenMember: string, why: string) {
  return validationError(ctx.service, [
    { name: tokenMember, message: `Value at '${tokenMember}' failed to satisfy constraint: Member must be a token returned by this operation with the same parameters` },
  ], `Invalid ${tokenMember}: ${why}`);
}

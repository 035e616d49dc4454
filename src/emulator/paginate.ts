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
  const model = MODELS[ctx.service];
  const op = model.operations[ctx.operation];
  const tokenMember = opts.tokenMember ?? op?.paginated?.inputToken ?? (ctx.service === 'ivschat' ? 'nextToken' : 'NextToken');
  const sizeMember = opts.sizeMember ?? op?.paginated?.pageSize ?? (ctx.service === 'ivschat' ? 'maxResults' : 'MaxResults');
  const sizeShape = op?.input ? model.shapes[model.shapes[op.input]?.members?.[sizeMember]?.target ?? ''] : undefined;
  const maxSize = sizeShape?.range?.max ?? 50;
  const size = Math.min(Number(ctx.input[sizeMember] ?? opts.defaultSize ?? maxSize), maxSize);

  const fingerprint = fingerprintOf(ctx, tokenMember, sizeMember);
  const token = ctx.input[tokenMember];
  const offset = token === undefined || token === '' ? 0 : decodeToken(String(token), fingerprint, ctx, tokenMember);
  const slice = items.slice(offset, offset + size);
  const next = offset + slice.length;
  return next < items.length ? { items: slice, nextToken: encodeToken(fingerprint, next) } : { items: slice };
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

function encodeToken(fingerprint: string, offset: number): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, o: offset })).toString('base64url');
}

function decodeToken(token: string, fingerprint: string, ctx: PageContext, tokenMember: string): number {
  let cursor: { f?: unknown; o?: unknown } | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  if (!cursor || cursor.f !== fingerprint || typeof cursor.o !== 'number' || !Number.isInteger(cursor.o) || cursor.o < 0) {
    throw validationError(ctx.service, [
      { name: tokenMember, message: `Value at '${tokenMember}' failed to satisfy constraint: Member must be a token returned by this operation with the same parameters` },
    ], `Invalid ${tokenMember}: the token was not issued by ${ctx.operation} for these parameters`);
  }
  return cursor.o;
}

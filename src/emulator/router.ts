// Maps method + raw path + query onto (service, operation, labels) using the generated route
// tables of all three services, which share one host:port.
//
// - The raw path is split on `/` BEFORE percent-decoding: SDKs encode a label's `/` as `%2F`
//   (ARNs contain slashes), so decoding first would split an ARN into several segments.
// - Routes whose query literal (`?operation=...`, `?scope=...`) is present win over the bare
//   route with the same method and path.
// - A custom endpoint may carry a base path (`http://127.0.0.1:4599/some/prefix`); SDKs keep it
//   in front of the operation path, so a route may match a suffix of the request path. The
//   longest match (shortest prefix) wins.
// - The three Chime tag routes are byte-identical in identity and messaging; the ARN's resource
//   type decides (users, bots, AppInstances -> identity; channels, channel flows -> messaging).
import { chimeServiceOfArn } from './arns.js';
import { MODELS, SERVICE_NAMES, type OperationModel, type UriSegment } from './model.js';
import type { ServiceName } from './types.js';

export type QueryPairs = Array<[string, string]>;

export interface RouteMatch {
  service: ServiceName;
  operation: string;
  model: OperationModel;
  /** Decoded label values by member name. */
  labels: Record<string, string>;
  /** Base path in front of the operation path ('' when none), as received (raw). */
  basePath: string;
}

interface Route {
  service: ServiceName;
  operation: string;
  model: OperationModel;
  method: string;
  segments: UriSegment[];
  literals: Array<[string, string]>;
}

const ROUTES: Route[] = SERVICE_NAMES.flatMap((service) =>
  Object.entries(MODELS[service].operations).map(([operation, model]) => ({
    service,
    operation,
    model,
    method: model.method,
    segments: model.segments,
    literals: Object.entries(model.queryLiterals ?? {}),
  })),
);

/** Parses a raw query string into decoded pairs, in order; repeated keys stay repeated.
 * `+` is kept literally: SDKs encode spaces as %20, and SigV4 treats `+` as a plus sign. */
export function parseQuery(rawQuery: string): QueryPairs {
  const pairs: QueryPairs = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const key = safeDecode(i < 0 ? part : part.slice(0, i));
    const value = safeDecode(i < 0 ? '' : part.slice(i + 1));
    if (key !== undefined && value !== undefined) pairs.push([key, value]);
  }
  return pairs;
}

export function queryValues(query: QueryPairs, name: string): string[] {
  return query.filter(([k]) => k === name).map(([, v]) => v);
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Splits a raw path (no query) into raw segments, dropping empty ones (`//`, trailing `/`). */
export function rawSegments(rawPath: string): string[] {
  return rawPath.split('/').filter((s) => s !== '');
}

export interface RouteRequest {
  method: string;
  /** Path as received, without the query string, still percent-encoded. */
  rawPath: string;
  query: QueryPairs;
  /** Lazily parsed JSON body; needed only to tell the Chime tag routes apart. */
  body?: () => unknown;
}

export function matchRoute(req: RouteRequest): RouteMatch | undefined {
  const raw = rawSegments(req.rawPath);
  const decoded = raw.map(safeDecode);
  const method = req.method.toUpperCase();
  // Try the whole path first, then with 1, 2, ... leading segments taken as a base path.
  for (let skip = 0; skip < raw.length || (skip === 0 && raw.length === 0); skip++) {
    const candidates: Array<{ route: Route; labels: Record<string, string> }> = [];
    for (const route of ROUTES) {
      if (route.method !== method || route.segments.length !== raw.length - skip) continue;
      const labels = matchSegments(route.segments, decoded.slice(skip));
      if (labels && literalsPresent(route, req.query)) candidates.push({ route, labels });
    }
    if (candidates.length > 0) {
      const chosen = choose(candidates, req);
      return {
        service: chosen.route.service,
        operation: chosen.route.operation,
        model: chosen.route.model,
        labels: chosen.labels,
        basePath: skip === 0 ? '' : '/' + raw.slice(0, skip).join('/'),
      };
    }
    if (raw.length === 0) break;
  }
  return undefined;
}

function matchSegments(segments: UriSegment[], decoded: Array<string | undefined>): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const value = decoded[i];
    if (value === undefined) return undefined; // malformed percent-encoding
    if ('literal' in seg) {
      if (seg.literal !== value) return undefined;
    } else {
      if (value === '') return undefined;
      labels[seg.label] = value;
    }
  }
  return labels;
}

function literalsPresent(route: Route, query: QueryPairs): boolean {
  return route.literals.every(([k, v]) => query.some(([qk, qv]) => qk === k && qv === v));
}

function choose(
  candidates: Array<{ route: Route; labels: Record<string, string> }>,
  req: RouteRequest,
): { route: Route; labels: Record<string, string> } {
  // Most specific first: the route with the most matching query literals.
  const best = Math.max(...candidates.map((c) => c.route.literals.length));
  const top = candidates.filter((c) => c.route.literals.length === best);
  if (top.length === 1) return top[0]!;
  // Same route in identity and messaging (the Chime tag operations): the ARN decides.
  const owner = chimeServiceOfArn(tagResourceArn(req));
  return top.find((c) => c.route.service === owner) ?? top[0]!;
}

/** The ARN a Chime tag request is about: `?arn=` (ListTagsForResource) or body ResourceARN. */
function tagResourceArn(req: RouteRequest): string | undefined {
  const fromQuery = queryValues(req.query, 'arn')[0];
  if (fromQuery !== undefined) return fromQuery;
  const body = req.body?.();
  if (body && typeof body === 'object' && typeof (body as Record<string, unknown>).ResourceARN === 'string') {
    return (body as Record<string, string>).ResourceARN;
  }
  return undefined;
}

/** Which service's error dialect to use for a request no route matches: IVS routes are
 * `/<OperationName>` (capitalised) and `/tags/{arn}`; everything else looks like Chime. */
export function guessService(rawPath: string, signingService?: string): ServiceName {
  if (signingService === 'ivschat') return 'ivschat';
  if (signingService === 'chime') return 'identity';
  const segs = rawSegments(rawPath);
  const last = segs[segs.length - 1] ?? '';
  if (/^[A-Z]/.test(last) || (segs.length >= 2 && segs[segs.length - 2] === 'tags')) return 'ivschat';
  return 'identity';
}

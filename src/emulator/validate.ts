// Builds an operation's input from the HTTP request (labels, query, headers, JSON body) and
// validates it against the generated model, the way the services do server-side (SDKs check
// nothing). Smithy semantics: string length counts Unicode code points; patterns are NOT
// implicitly anchored and are compiled with the `u` flag; list/map length counts entries;
// a union has exactly one member set. Values that arrive as strings (labels, query, headers)
// are first converted to the member's type.
//
// All problems are collected and reported together, in the AWS (Coral) wording:
//   "2 validation errors detected: Value 'x' at 'Name' failed to satisfy constraint: ..."
// Chime answers BadRequestException; IVS Chat answers ValidationException with
// reason FIELD_VALIDATION_FAILED and a fieldList.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isPlainObject } from './codec.js';
import { malformedRequest, validationError, type FieldIssue } from './errors.js';
import { MODELS, type MemberModel, type OperationModel, type ServiceModel, type ShapeModel, type TimestampFormat } from './model.js';
import { queryValues, type QueryPairs } from './router.js';
import type { ServiceName } from './types.js';

/** Deeper than any shape of the three models; deeper JSON is refused before it is walked
 * (recursive validation and error messages would otherwise run out of stack). */
export const MAX_NESTING = 64;

export interface InputSources {
  labels: Record<string, string>;
  query: QueryPairs;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
}

/** Merges, converts and validates an operation's input; throws the service's validation
 * error. Timestamps come out as Date objects, unknown members are dropped. */
export function buildInput(service: ServiceName, operation: string, sources: InputSources): Record<string, any> {
  const model = MODELS[service];
  const op = model.operations[operation];
  if (!op) throw new Error(`unknown operation ${service}.${operation}`);
  const body = sources.body;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw malformedRequest(service, 'The request body must be a JSON object');
  }
  if (nestingExceeds(body, MAX_NESTING)) {
    throw validationError(service, [{ name: '', message: `The request body is nested more than ${MAX_NESTING} levels deep` }]);
  }
  const issues: FieldIssue[] = [];
  const raw = collectMembers(model, op, sources, (body ?? {}) as Record<string, unknown>, issues);
  // SDKs fill idempotency tokens when the caller leaves them out; do the same for raw callers.
  if (op.idempotencyToken && (raw[op.idempotencyToken] === undefined || raw[op.idempotencyToken] === null)) {
    raw[op.idempotencyToken] = randomUUID();
  }
  const input = op.input ? (checkValue(model, raw, { target: op.input }, '', issues) as Record<string, any>) : {};
  if (issues.length > 0) throw validationError(service, issues);
  return input ?? {};
}

// --- Gathering members from the request ----------------------------------------------------

function collectMembers(
  model: ServiceModel,
  op: OperationModel,
  sources: InputSources,
  body: Record<string, unknown>,
  issues: FieldIssue[],
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const members = op.input ? model.shapes[op.input]?.members ?? {} : {};
  for (const [name, binding] of Object.entries(op.bindings)) {
    const member = members[name];
    if (!member) continue;
    let value: unknown;
    switch (binding.in) {
      case 'label':
        value = coerceString(model, sources.labels[name], member, name, 'label', issues);
        break;
      case 'query': {
        const values = queryValues(sources.query, binding.name);
        if (values.length === 0) break;
        const shape = model.shapes[member.target];
        if (shape?.type === 'list') {
          const itemMember: MemberModel = { target: shape.member! };
          value = values.map((v, i) => coerceString(model, v, itemMember, `${name}[${i}]`, 'query', issues));
        } else {
          value = coerceString(model, values[0], member, name, 'query', issues);
        }
        break;
      }
      case 'header': {
        const h = sources.headers[binding.name];
        value = coerceString(model, Array.isArray(h) ? h.join(', ') : h, member, name, 'header', issues);
        break;
      }
      case 'body':
        value = body[name];
        break;
    }
    if (value !== undefined) input[name] = value;
  }
  return input;
}

/** Converts a string from a label, query parameter or header to the member's type. */
function coerceString(
  model: ServiceModel,
  value: string | undefined,
  member: MemberModel,
  path: string,
  where: 'label' | 'query' | 'header',
  issues: FieldIssue[],
): unknown {
  if (value === undefined) return undefined;
  const shape = model.shapes[member.target];
  switch (shape?.type) {
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      if (/^-?\d+$/.test(value)) return Number(value);
      issues.push(issue(path, value, 'Member must be an integer', member, shape));
      return undefined;
    case 'float':
    case 'double':
      if (value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      issues.push(issue(path, value, 'Member must be a number', member, shape));
      return undefined;
    case 'boolean':
      if (value === 'true' || value === 'false') return value === 'true';
      issues.push(issue(path, value, 'Member must be a boolean (true or false)', member, shape));
      return undefined;
    case 'timestamp': {
      // restJson1: date-time in labels and query, http-date in headers, unless the model says.
      const format = member.timestampFormat ?? shape.timestampFormat ?? (where === 'header' ? 'http-date' : 'date-time');
      const date = parseTimestamp(value, format);
      if (date) return date;
      issues.push(issue(path, value, `Member must be a timestamp (${format})`, member, shape));
      return undefined;
    }
    default:
      return value;
  }
}

// --- Checking values against shapes --------------------------------------------------------

const regexCache = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    regexCache.set(pattern, re);
  }
  return re;
}

/** Returns the value converted for handlers (Dates for timestamps), pushing any issues. */
function checkValue(model: ServiceModel, value: unknown, member: MemberModel, path: string, issues: FieldIssue[]): unknown {
  const shape = model.shapes[member.target];
  if (!shape) throw new Error(`model has no shape ${member.target}`);
  const fail = (constraint: string) => issues.push(issue(path, value, constraint, member, shape));

  switch (shape.type) {
    case 'structure':
    case 'union':
      return checkStructure(model, value, shape, path, issues, fail);
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list'), undefined;
      checkLength(value.length, member, shape, fail);
      return value.map((item, i) => {
        if (item === null) {
          issues.push(issue(`${path}[${i}]`, null, 'Member must not be null', member, shape));
          return item;
        }
        return checkValue(model, item, { target: shape.member! }, `${path}[${i}]`, issues);
      });
    }
    case 'map': {
      if (!isPlainObject(value)) return fail('Member must be a map (JSON object)'), undefined;
      const entries = Object.entries(value);
      checkLength(entries.length, member, shape, fail);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        checkValue(model, k, { target: shape.key! }, `${path}.key(${k})`, issues);
        if (v === null) {
          issues.push(issue(`${path}[${k}]`, null, 'Member must not be null', member, shape));
          continue;
        }
        out[k] = checkValue(model, v, { target: shape.value! }, `${path}[${k}]`, issues);
      }
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string'), undefined;
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      checkLength(codePointLength(value), member, shape, fail);
      const pattern = member.pattern ?? shape.pattern;
      if (pattern !== undefined && !compiled(pattern).test(value)) fail(`Member must satisfy regular expression pattern: ${pattern}`);
      return value;
    }
    case 'integer':
    case 'long':
    case 'short':
    case 'byte': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('Member must be an integer'), undefined;
      if (!Number.isSafeInteger(value) || (shape.type === 'integer' && Math.abs(value) > 2 ** 31)) {
        return fail('Member must be an integer in range'), undefined;
      }
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      checkRange(value, member, shape, fail);
      return value;
    }
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Member must be a number'), undefined;
      checkRange(value, member, shape, fail);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return fail('Member must be a boolean'), undefined;
      return value;
    case 'timestamp': {
      if (value instanceof Date) return value; // already converted from a label/query/header
      const format = member.timestampFormat ?? shape.timestampFormat ?? model.bodyTimestampFormat;
      const date =
        typeof value === 'number' && Number.isFinite(value)
          ? new Date(value * 1000)
          : typeof value === 'string'
            ? parseTimestamp(value, format)
            : undefined;
      if (!date) return fail(`Member must be a timestamp (${format})`), undefined;
      return date;
    }
    case 'blob':
      if (typeof value !== 'string') return fail('Member must be a base64 string'), undefined;
      checkLength(Buffer.from(value, 'base64').length, member, shape, fail);
      return value;
    case 'document':
      return value;
  }
}

function checkStructure(
  model: ServiceModel,
  value: unknown,
  shape: ShapeModel,
  path: string,
  issues: FieldIssue[],
  fail: (c: string) => void,
): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return fail(shape.type === 'union' ? 'Member must be a union (JSON object)' : 'Member must be a structure (JSON object)'), undefined;
  const out: Record<string, unknown> = {};
  let set = 0;
  for (const [name, m] of Object.entries(shape.members ?? {})) {
    const v = value[name];
    const childPath = path ? `${path}.${name}` : name;
    if (v === undefined || v === null) {
      if (m.required) issues.push(issue(childPath, null, 'Member must not be null', m, model.shapes[m.target]!));
      continue;
    }
    set++;
    out[name] = checkValue(model, v, m, childPath, issues);
  }
  if (shape.type === 'union' && set !== 1) {
    fail(`Member must have exactly one of [${Object.keys(shape.members ?? {}).join(', ')}] set, found ${set}`);
  }
  return out;
}

/** Length in characters as the services count them (a surrogate pair is one), without
 * spreading the string into an array: message contents are checked on every send. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function checkLength(n: number, member: MemberModel, shape: ShapeModel, fail: (c: string) => void): void {
  const len = member.length ?? shape.length;
  if (!len) return;
  if (len.min !== undefined && n < len.min) fail(`Member must have length greater than or equal to ${len.min}`);
  if (len.max !== undefined && n > len.max) fail(`Member must have length less than or equal to ${len.max}`);
}

function checkRange(n: number, member: MemberModel, shape: ShapeModel, fail: (c: string) => void): void {
  const range = member.range ?? shape.range;
  if (!range) return;
  if (range.min !== undefined && n < range.min) fail(`Member must have value greater than or equal to ${range.min}`);
  if (range.max !== undefined && n > range.max) fail(`Member must have value less than or equal to ${range.max}`);
}

function issue(path: string, value: unknown, constraint: string, member: MemberModel, shape: ShapeModel): FieldIssue {
  // Coral wording; sensitive values (names, tokens, metadata...) are never echoed.
  const sensitive = member.sensitive || shape.sensitive;
  const shown = sensitive ? '' : value === null || value === undefined ? ' null' : ` '${render(value)}'`;
  return { name: path, message: `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}` };
}

function render(value: unknown): string {
  const s = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return s.length > 200 ? s.slice(0, 200) + '...' : s;
}

/** True when a parsed JSON value has objects/arrays nested deeper than `max` (no recursion). */
export function nestingExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}


const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseTimestamp(value: string, format: TimestampFormat): Date | undefined {
  let ms: number;
  if (format === 'date-time') {
    if (!DATE_TIME.test(value)) return undefined;
    ms = Date.parse(value);
  } else if (format === 'http-date') {
    ms = Date.parse(value);
  } else {
    if (!/^-?\d+(\.\d+)?$/.test(value)) return undefined;
    ms = Number(value) * 1000;
  }
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

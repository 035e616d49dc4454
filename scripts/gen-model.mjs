#!/usr/bin/env node
// Reads the Smithy JSON models of the three services (the project's copy in models/ by default,
// or the directory given as the first argument) and writes a compact, reviewable table per
// service to src/emulator/model/{identity,messaging,ivschat}.json: routes, member bindings,
// required members, idempotency tokens, pagination, error shapes, and every shape reachable
// from an operation input with its validation traits. The emulator reads only these tables;
// the models themselves are never committed.
//
// Output is deterministic (operations, shapes and errors sorted by name; members keep the
// model's order) so a regenerated table diffs cleanly.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelDir = resolve(process.argv[2] ?? join(repoRoot, 'models'));
// Second argument: another output directory (the tests regenerate into a temp dir and compare).
const outDir = resolve(process.argv[3] ?? join(repoRoot, 'src', 'emulator', 'model'));

const SERVICES = [
  { name: 'identity', file: 'chime-sdk-identity-2021-04-20.json' },
  { name: 'messaging', file: 'chime-sdk-messaging-2021-05-15.json' },
  { name: 'ivschat', file: 'ivschat-2020-07-14.json' },
];

const T = 'smithy.api#';

// --- Pattern fixes -------------------------------------------------------------------------
// The emulator compiles every pattern with the `u` flag (Smithy lengths and patterns are about
// code points, and astral ranges only work in unicode mode). A few model patterns cannot be
// used verbatim; each fix below is applied only where it matches, and the original pattern is
// kept next to the fixed one in the table (`modelPattern`) for review.
const PATTERN_FIXES = [
  {
    // Chime NonEmptyResourceName / ResourceName: `\u10000-\u10FFFF` is meant as the
    // supplementary planes, but ECMAScript (and Java) read `\u1000` followed by `0`. In
    // unicode mode the code-point escape `\u{...}` expresses the intended range.
    why: 'supplementary-plane range needs \\u{...} code-point escapes (u flag)',
    applies: (shape, p) => p.includes('\\u10000-\\u10FFFF'),
    fix: (shape, p) => p.replace('\\u10000-\\u10FFFF', '\\u{10000}-\\u{10FFFF}'),
  },
  {
    // Chime UserId / ChannelId: `\:`, `\_` and `\@` are identity escapes, which unicode mode
    // rejects as syntax errors. Inside a character class they mean the bare character.
    why: 'identity escapes of non-syntax characters are invalid with the u flag',
    applies: (shape, p) => /\\[:_@]/.test(p),
    fix: (shape, p) => p.replace(/\\([:_@])/g, '$1'),
  },
  {
    // IVS Chat ResourceArn (tag operations): `[a-z-]` matches ONE character, so the model
    // pattern rejects every real ARN (`...:room/abc`). The resource type is a word: `[a-z-]+`.
    why: 'resource-type class needs a quantifier, or no real ARN matches',
    applies: (shape, p) => shape === 'ResourceArn' && p.includes(':[a-z-]/'),
    fix: (shape, p) => p.replace(':[a-z-]/', ':[a-z-]+/'),
  },
];

function fixPattern(shapeName, pattern) {
  let fixed = pattern;
  const notes = [];
  for (const f of PATTERN_FIXES) {
    if (f.applies(shapeName, fixed)) {
      fixed = f.fix(shapeName, fixed);
      notes.push(f.why);
    }
  }
  try {
    new RegExp(fixed, 'u');
  } catch (err) {
    throw new Error(`pattern of ${shapeName} does not compile with the u flag even after fixes: ${fixed} (${err.message})`);
  }
  return { pattern: fixed, notes };
}

// --- Helpers -------------------------------------------------------------------------------
const local = (id) => (id.startsWith(T) ? id : id.split('#')[1]);
const traitsOf = (node) => node?.traits ?? {};
const has = (node, trait) => Object.prototype.hasOwnProperty.call(traitsOf(node), T + trait);

// Smithy prelude shapes a member may target directly.
const PRELUDE = {
  'smithy.api#String': { type: 'string' },
  'smithy.api#Boolean': { type: 'boolean' },
  'smithy.api#PrimitiveBoolean': { type: 'boolean' },
  'smithy.api#Integer': { type: 'integer' },
  'smithy.api#PrimitiveInteger': { type: 'integer' },
  'smithy.api#Long': { type: 'long' },
  'smithy.api#PrimitiveLong': { type: 'long' },
  'smithy.api#Float': { type: 'float' },
  'smithy.api#Double': { type: 'double' },
  'smithy.api#Timestamp': { type: 'timestamp' },
  'smithy.api#Document': { type: 'document' },
  'smithy.api#Blob': { type: 'blob' },
  'smithy.api#Unit': { type: 'structure', members: {} },
};

/** Validation traits that may sit on a shape or on a member. */
function constraintTraits(node) {
  const out = {};
  const t = traitsOf(node);
  if (t[T + 'length']) out.length = pickMinMax(t[T + 'length']);
  if (t[T + 'range']) out.range = pickMinMax(t[T + 'range']);
  if (t[T + 'pattern'] !== undefined) out.pattern = t[T + 'pattern'];
  if (t[T + 'timestampFormat']) out.timestampFormat = t[T + 'timestampFormat'];
  if (t[T + 'sensitive']) out.sensitive = true;
  return out;
}

function pickMinMax(v) {
  const out = {};
  if (v.min !== undefined) out.min = v.min;
  if (v.max !== undefined) out.max = v.max;
  return out;
}

function splitUri(uri) {
  const [path, query = ''] = uri.split('?');
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^\{([^}]+)\}$/.exec(s);
      if (m) {
        if (m[1].endsWith('+')) throw new Error(`greedy label in ${uri} is not supported`);
        return { label: m[1] };
      }
      if (s.includes('{')) throw new Error(`partial label segment in ${uri} is not supported`);
      return { literal: s };
    });
  const queryLiterals = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    queryLiterals[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return { segments, queryLiterals };
}

function sortedObject(obj) {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
}

// --- Per service ---------------------------------------------------------------------------
function generate({ name, file }) {
  const model = JSON.parse(readFileSync(join(modelDir, file), 'utf8'));
  const shapes = model.shapes;
  const [serviceId, service] = Object.entries(shapes).find(([, s]) => s.type === 'service');
  const st = traitsOf(service);
  if (!st['aws.protocols#restJson1']) throw new Error(`${serviceId} is not restJson1`);

  const shapeOf = (id) => {
    const s = shapes[id] ?? PRELUDE[id];
    if (!s) throw new Error(`unknown shape ${id}`);
    return s;
  };

  const outShapes = {};
  const patternFixes = [];

  // Emit one shape (and everything it reaches) in the compact form.
  function emitShape(id) {
    const key = local(id);
    if (outShapes[key]) return key;
    const s = shapeOf(id);
    const entry = { type: s.type };
    outShapes[key] = entry; // placed first so recursive shapes terminate
    switch (s.type) {
      case 'structure':
      case 'union': {
        entry.members = {};
        for (const [mName, m] of Object.entries(s.members ?? {})) {
          const me = { target: emitShape(m.target) };
          if (has(m, 'required')) me.required = true;
          if (has(m, 'idempotencyToken')) me.idempotencyToken = true;
          if (traitsOf(m)[T + 'default'] !== undefined) me.default = traitsOf(m)[T + 'default'];
          Object.assign(me, constraintTraits(m));
          if (me.pattern !== undefined) me.pattern = fixAndRecord(`${key}.${mName}`, me.pattern, me);
          entry.members[mName] = me;
        }
        break;
      }
      case 'list':
      case 'set':
        entry.type = 'list';
        entry.member = emitShape(s.member.target);
        break;
      case 'map':
        entry.key = emitShape(s.key.target);
        entry.value = emitShape(s.value.target);
        break;
      case 'enum':
        // Smithy IDL 2 enum shape: a string restricted to the members' enumValue.
        entry.type = 'string';
        entry.enum = Object.entries(s.members).map(([n, m]) => traitsOf(m)[T + 'enumValue'] ?? n);
        break;
      case 'intEnum':
        entry.type = 'integer';
        entry.enum = Object.values(s.members).map((m) => traitsOf(m)[T + 'enumValue']);
        break;
      case 'string':
        if (traitsOf(s)[T + 'enum']) entry.enum = traitsOf(s)[T + 'enum'].map((e) => e.value);
        break;
      case 'integer':
      case 'long':
      case 'short':
      case 'byte':
      case 'float':
      case 'double':
      case 'boolean':
      case 'timestamp':
      case 'document':
      case 'blob':
        break;
      default:
        throw new Error(`shape ${id} has unsupported type ${s.type}`);
    }
    Object.assign(entry, constraintTraits(s));
    if (entry.pattern !== undefined) entry.pattern = fixAndRecord(key, entry.pattern, entry);
    return key;
  }

  function fixAndRecord(where, pattern, entry) {
    const { pattern: fixed, notes } = fixPattern(where.split('.')[0], pattern);
    if (fixed !== pattern) {
      entry.modelPattern = pattern;
      patternFixes.push({ shape: where, model: pattern, fixed, why: notes });
    }
    return fixed;
  }

  // Timestamp format of response bodies: restJson1 default is epoch-seconds; a model may
  // override it per shape (IVS Chat: date-time). The core serialises Date values generically,
  // so all output timestamps of one service must agree; check that here.
  const outputTimestampFormats = new Set();
  const visitedOut = new Set();
  function scanOutput(id) {
    if (visitedOut.has(id)) return;
    visitedOut.add(id);
    const s = shapeOf(id);
    if (s.type === 'timestamp') outputTimestampFormats.add(traitsOf(s)[T + 'timestampFormat'] ?? 'epoch-seconds');
    for (const m of Object.values(s.members ?? {})) {
      if (shapeOf(m.target).type === 'timestamp' && traitsOf(m)[T + 'timestampFormat']) {
        outputTimestampFormats.add(traitsOf(m)[T + 'timestampFormat']);
      }
      if (s.type !== 'enum' && s.type !== 'intEnum') scanOutput(m.target);
    }
    if (s.member) scanOutput(s.member.target);
    if (s.value) scanOutput(s.value.target);
  }

  const operations = {};
  const errorIds = new Set();
  for (const { target: opId } of service.operations ?? []) {
    const op = shapes[opId];
    const opName = local(opId);
    const http = traitsOf(op)[T + 'http'];
    if (!http) throw new Error(`${opName} has no http trait`);
    const { segments, queryLiterals } = splitUri(http.uri);
    const inputId = op.input?.target;
    const input = inputId ? shapeOf(inputId) : { members: {} };
    const bindings = {};
    const required = [];
    let idempotencyToken;
    for (const [mName, m] of Object.entries(input.members ?? {})) {
      const t = traitsOf(m);
      if (t[T + 'httpLabel']) bindings[mName] = { in: 'label' };
      else if (t[T + 'httpQuery'] !== undefined) bindings[mName] = { in: 'query', name: t[T + 'httpQuery'] };
      else if (t[T + 'httpHeader'] !== undefined) bindings[mName] = { in: 'header', name: t[T + 'httpHeader'].toLowerCase() };
      else if (t[T + 'httpQueryParams'] || t[T + 'httpPrefixHeaders'] || t[T + 'httpPayload'] || t[T + 'httpResponseCode']) {
        throw new Error(`${opName}.${mName}: unsupported http binding`);
      } else bindings[mName] = { in: 'body' };
      if (t[T + 'required']) required.push(mName);
      if (t[T + 'idempotencyToken']) idempotencyToken = mName;
    }
    for (const seg of segments) {
      if (seg.label && bindings[seg.label]?.in !== 'label') throw new Error(`${opName}: label ${seg.label} has no member`);
    }

    let paginated;
    const pg = traitsOf(op)[T + 'paginated'];
    if (pg) {
      const outShape = shapeOf(op.output.target);
      // The models give no `items`; the page's items are the output's one list member.
      const lists = Object.entries(outShape.members).filter(([, m]) => shapeOf(m.target).type === 'list');
      if (lists.length !== 1) throw new Error(`${opName}: cannot tell the paginated items member`);
      paginated = { inputToken: pg.inputToken, outputToken: pg.outputToken, pageSize: pg.pageSize, items: pg.items ?? lists[0][0] };
    }

    const errors = (op.errors ?? []).map((e) => local(e.target)).sort();
    for (const e of op.errors ?? []) errorIds.add(e.target);

    if (op.output?.target) scanOutput(op.output.target);

    const entry = {
      method: http.method,
      uri: http.uri,
      segments,
      ...(Object.keys(queryLiterals).length ? { queryLiterals } : {}),
      status: http.code ?? 200,
      input: inputId ? emitShape(inputId) : null,
      output: op.output?.target ? local(op.output.target) : null,
      bindings,
      required,
      ...(idempotencyToken ? { idempotencyToken } : {}),
      ...(paginated ? { paginated } : {}),
      errors,
    };
    operations[opName] = entry;
  }
  // Service-wide errors apply to every operation.
  for (const e of service.errors ?? []) errorIds.add(e.target);
  // Every error shape of the namespace, declared by an operation or not (SDKs resolve any
  // error shape they know by name, and the core may raise any of them).
  for (const [id, s] of Object.entries(shapes)) if (traitsOf(s)[T + 'error']) errorIds.add(id);

  const errors = {};
  for (const id of errorIds) {
    const s = shapeOf(id);
    const t = traitsOf(s);
    errors[local(id)] = {
      status: t[T + 'httpError'] ?? (t[T + 'error'] === 'server' ? 500 : 400),
      fault: t[T + 'error'],
      members: Object.keys(s.members ?? {}),
      required: Object.entries(s.members ?? {}).filter(([, m]) => has(m, 'required')).map(([n]) => n),
    };
  }

  if (outputTimestampFormats.size > 1) throw new Error(`${name}: output timestamps use several formats`);
  const awsService = st['aws.api#service'] ?? {};
  return {
    service: name,
    title: st[T + 'title'],
    sdkId: awsService.sdkId,
    apiVersion: service.version,
    signingName: st['aws.auth#sigv4']?.name,
    arnNamespace: awsService.arnNamespace,
    protocol: 'restJson1',
    bodyTimestampFormat: [...outputTimestampFormats][0] ?? 'epoch-seconds',
    patternFixes,
    operations: sortedObject(operations),
    errors: sortedObject(errors),
    shapes: sortedObject(outShapes),
  };
}

// --- The CLI's operation table ---------------------------------------------------------------
// Per operation, the facts commands would otherwise restate: does it write, does it take the
// Chime bearer, its page keys, and the enum choices and limits of its input members (top level
// and three levels down, through structures and lists of structures, as dotted paths). Written as TypeScript so operation names are types.
const READ_PREFIX = /^(Describe|Get|List|Search)/;

function operationFacts(table) {
  const out = {};
  for (const [name, op] of Object.entries(table.operations)) {
    const facts = { writes: !READ_PREFIX.test(name) };
    const input = op.input ? table.shapes[op.input] : { members: {} };
    if (input.members.ChimeBearer) facts.bearer = input.members.ChimeBearer.required ? 'required' : 'optional';
    if (op.paginated) {
      const sizeMember = input.members[op.paginated.pageSize];
      const range = sizeMember?.range ?? table.shapes[sizeMember?.target]?.range;
      facts.page = {
        items: op.paginated.items,
        token: op.paginated.inputToken,
        size: op.paginated.pageSize,
        ...(range?.max ? { max: range.max } : {}),
      };
    }
    const enums = {};
    const limits = {};
    const visit = (members, prefix, depth) => {
      for (const [m, member] of Object.entries(members)) {
        if (m === 'ChimeBearer') continue;
        const shape = table.shapes[member.target] ?? {};
        const path = prefix + m;
        const values = shape.enum ?? (shape.type === 'list' ? table.shapes[shape.member]?.enum : undefined);
        if (values) enums[path] = values;
        const limit = member.length ?? member.range ?? shape.length ?? shape.range;
        if (limit) limits[path] = limit;
        // A list of structures is looked through: `Processors.FallbackAction` is the
        // FallbackAction of each processor.
        const inner = shape.type === 'list' ? (table.shapes[shape.member] ?? {}) : shape;
        if (inner.type === 'structure' && depth < 3) visit(inner.members, path + '.', depth + 1);
      }
    };
    visit(input.members, '', 0);
    if (Object.keys(enums).length) facts.enums = enums;
    if (Object.keys(limits).length) facts.limits = limits;
    out[name] = facts;
  }
  return out;
}

const cliTable = {};
mkdirSync(outDir, { recursive: true });
for (const svc of SERVICES) {
  const table = generate(svc);
  cliTable[svc.name] = operationFacts(table);
  const path = join(outDir, `${svc.name}.json`);
  writeFileSync(path, JSON.stringify(table, null, 2) + '\n');
  const n = Object.keys(table.operations).length;
  console.log(`${svc.name}: ${n} operations, ${Object.keys(table.shapes).length} shapes, ${table.patternFixes.length} pattern fixes -> ${path}`);
}

// Third argument: where the CLI table goes (the tests regenerate into a temp dir and compare).
const opsPath = resolve(process.argv[4] ?? join(repoRoot, 'src', 'aws', 'operations.gen.ts'));
writeFileSync(
  opsPath,
  `// Generated by scripts/gen-model.mjs from models/*.json: do not edit.\n` +
    `// Per operation: writes?, Chime bearer, page keys, input enums and limits (dotted member paths).\n` +
    `export const OPERATIONS = ${JSON.stringify(cliTable, null, 1)} as const;\n`,
);
console.log(`cli operation table -> ${opsPath}`);

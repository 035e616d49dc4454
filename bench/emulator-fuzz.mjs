// Malformed requests against every route of the three services (from the generated model
// tables): bodies that are not JSON or not objects, deep nesting, wrong member types, bad
// labels and query values, broken signatures, and raw bytes Node's HTTP parser refuses.
// Every one must be answered with an error that carries x-amzn-ErrorType, never a 5xx, and
// the emulator process must stay up.  Usage: node bench/emulator-fuzz.mjs [--requests N]
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { client, rssMb, startChild } from './emulator-harness.mjs';

const total = Number(process.argv[process.argv.indexOf('--requests') + 1]) || 10_000;
const MODELS = Object.fromEntries(
  ['identity', 'messaging', 'ivschat'].map((s) => [s, JSON.parse(readFileSync(new URL(`../src/emulator/model/${s}.json`, import.meta.url), 'utf8'))]),
);
const ROUTES = Object.entries(MODELS).flatMap(([service, model]) =>
  Object.entries(model.operations).map(([operation, op]) => ({ service, signing: model.signingName ?? (service === 'ivschat' ? 'ivschat' : 'chime'), operation, op, model })),
);

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const ARN = 'arn:aws:chime:us-east-1:123456789012:app-instance/x/user/y';

function pathOf(route, labelValue) {
  return '/' + route.op.segments.map((s) => ('literal' in s ? s.literal : labelValue(s.label))).join('/');
}
const queryLiterals = (route) => route.op.queryLiterals ?? {};

function wrongTypeFor(model, member) {
  const shape = model.shapes[member.target];
  switch (shape?.type) {
    case 'string':
      return pick([12, true, [], { a: 1 }]);
    case 'integer':
    case 'long':
      return pick(['twelve', 1.5, -1e300, {}, []]);
    case 'boolean':
      return pick(['yes', 1, {}]);
    case 'list':
      return pick(['not-a-list', 3, { a: 1 }]);
    case 'map':
    case 'structure':
      return pick(['not-an-object', 3, [1, 2]]);
    default:
      return pick([{}, 'x'.repeat(70_000)]);
  }
}

/** One malformed request for a route: { method, path, query, body, headers, sign }. */
function mutate(route) {
  const { op, model } = route;
  const input = model.shapes[op.input] ?? { members: {} };
  const bodyMembers = Object.entries(op.bindings ?? {}).filter(([, b]) => b.in === 'body').map(([name]) => name);
  const required = (op.required ?? []).filter((m) => op.bindings?.[m]?.in === 'body');
  const kinds = ['not-json', 'not-object', 'deep', 'bad-label', 'bad-query', 'unsigned', 'wrong-secret', 'bad-date', 'wrong-region', 'invalid-utf8'];
  if (required.length > 0) kinds.push('wrong-type', 'wrong-type');
  const kind = pick(kinds);
  const req = { method: op.method, path: pathOf(route, () => encodeURIComponent(ARN)), query: { ...queryLiterals(route) }, body: '{}', headers: {}, sign: 'ok' };
  switch (kind) {
    case 'not-json':
      req.body = pick(['{', '{"a":', '{"Name": "x",}', 'nul', '\u0000\u0001', '{"a":1}}', "{'a':1}"]);
      break;
    case 'not-object':
      req.body = pick(['[]', '1', '"text"', 'null', 'true', '[{}]']);
      break;
    case 'deep': {
      const depth = 100 + Math.floor(random() * 5000);
      const member = bodyMembers.length > 0 ? pick(bodyMembers) : 'x';
      req.body = `{"${member}":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      break;
    }
    case 'wrong-type': {
      const body = {};
      for (const name of required) body[name] = wrongTypeFor(model, input.members[name]);
      req.body = JSON.stringify(body);
      break;
    }
    case 'bad-label':
      if (op.segments.some((s) => !('literal' in s))) req.path = pathOf(route, () => pick(['%ZZ', '%', 'x'.repeat(3000), '%00%FF', '..', encodeURIComponent('arn:' + '/'.repeat(50))]));
      else req.path = req.path + pick(['/%ZZ', '/extra/segments', '%']);
      break;
    case 'bad-query': {
      const queryMembers = Object.values(op.bindings ?? {}).filter((b) => b.in === 'query');
      if (queryMembers.length > 0) for (const b of queryMembers) req.query[b.name] = pick(['-1', 'abc', '1e99', '', '%ZZ']);
      else req.body = pick(['{', '[]']); // no query members: make it malformed another way
      break;
    }
    case 'invalid-utf8':
      req.body = Buffer.concat([Buffer.from('{"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('":1')]);
      break;
    default:
      req.sign = kind;
  }
  return req;
}

/** Raw requests the HTTP parser refuses (sent on their own connections). */
const RAW = [
  () => `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000 + Math.floor(random() * 50_000))}\r\n\r\n`,
  () => `${pick(['FO(O', 'G E T', '\u00e9TE'])} /app-instances HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => Buffer.concat([Buffer.from('GET /app-instances/'), Buffer.from([0xc3, 0xa9, random() > 0.5 ? 0x01 : 0x7f]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]),
  () => 'POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  () => 'POST /CreateRoom HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  () => 'GET /app-instances HTTP/9.9\r\nHost: x\r\n\r\n',
];

function rawExchange(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, errorType: /\r\nx-amzn-errortype: ?([^\r]+)/i.exec(data)?.[1] });
    });
    socket.write(bytes);
    setTimeout(() => socket.end(), 200).unref();
  });
}

const emu = await startChild({ preload: 0 });
const api = client(emu.port, 16);
const stats = { sent: 0, answered: 0, noErrorType: 0, fiveXX: 0, accepted: 0, noAnswer: 0, byStatus: {} };
const examples = [];

async function one() {
  let r;
  if (random() < 0.06) {
    r = await rawExchange(emu.port, pick(RAW)());
  } else {
    const route = pick(ROUTES);
    const m = mutate(route);
    const region = m.sign === 'wrong-region' ? 'eu-west-3' : undefined;
    const headers = { ...m.headers };
    const res = await api.call({ method: m.method, path: m.path.split('?')[0], query: m.query, body: m.body, service: route.signing, headers, region, sign: m.sign });
    r = { status: res.status, errorType: res.headers['x-amzn-errortype'] };
    if (r.status === 0 && examples.length < 5) examples.push(`no answer: ${route.service}.${route.operation} ${m.sign} ${m.path.slice(0, 60)} ${String(m.body).slice(0, 60)}`);
    if (r.status < 300 && examples.length < 5) examples.push(`${route.service}.${route.operation} ${m.sign} ${String(m.body).slice(0, 80)}`);
  }
  stats.sent++;
  if (!r.status) {
    stats.noAnswer++;
    return;
  }
  stats.answered++;
  stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
  if (r.status >= 500) stats.fiveXX++;
  if (r.status < 300) stats.accepted++;
  else if (!r.errorType) stats.noErrorType++;
}

const started = Date.now();
let issued = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (issued++ < total) await one();
  }),
);
// Flood: 300 unsigned clients each starting a 16 MB upload at once. Each is answered (403)
// before its body is read, so the emulator's memory must stay flat.
const rssBefore = rssMb(emu.child.pid);
let floodAnswered = 0;
let floodPeak = rssBefore;
const peakTimer = setInterval(() => (floodPeak = Math.max(floodPeak, rssMb(emu.child.pid))), 20);
await Promise.all(
  Array.from(
    { length: 300 },
    () =>
      new Promise((resolve) => {
        const socket = connect(emu.port, '127.0.0.1');
        const chunk = Buffer.alloc(256 * 1024, 0x61);
        let sent = 0;
        socket.on('error', () => {});
        socket.on('data', (d) => {
          if (/^HTTP\/1\.1 403 [\s\S]*x-amzn-errortype: MissingAuthenticationTokenException/i.test(d.toString('latin1'))) floodAnswered++;
          socket.destroy();
        });
        socket.on('close', resolve);
        const pump = () => {
          while (sent < 16 * 1024 * 1024 && !socket.destroyed) {
            sent += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        socket.write('POST /app-instances HTTP/1.1\r\nHost: x\r\nContent-Length: 16777216\r\n\r\n');
        pump();
      }),
  ),
);
clearInterval(peakTimer);
const alive = emu.child.exitCode === null && emu.child.signalCode === null;
console.log(`\nemulator fuzz: ${stats.sent} malformed requests over ${ROUTES.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`  answers by status: ${JSON.stringify(stats.byStatus)}; no answer (connection closed): ${stats.noAnswer}`);
console.log(`  process exits: ${alive ? 0 : 1}   errors without x-amzn-ErrorType: ${stats.noErrorType}   5xx: ${stats.fiveXX}   accepted (2xx): ${stats.accepted}`);
if (examples.length) console.log(`  accepted examples: ${examples.join(' | ')}`);
console.log(`  emulator RSS after: ${rssMb(emu.child.pid).toFixed(0)} MB (targets: 0 exits, 0 without x-amzn-ErrorType, 0 5xx)`);
console.log(`  flood of 300 unsigned 16 MB uploads: ${floodAnswered} answered 403 before their body; RSS ${rssBefore.toFixed(0)} MB before, peak ${floodPeak.toFixed(0)} MB`);
api.close();
emu.stop();
await emu.exited;
process.exitCode = alive && stats.noErrorType === 0 && stats.fiveXX === 0 ? 0 : 1;

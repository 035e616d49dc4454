'use strict';
// A V8 code cache for dist/*.cjs on Node versions without module.enableCompileCache (Node 20).
// Compiling the bundle is most of chatctl's start-up; with cached code a call costs ~25 % less.
//
// Each chunk is compiled with vm.Script, handing V8 the cache an earlier run wrote (cachedData).
// At exit, chunks that had no cache, or whose cache V8 rejected (other Node build or flags), get
// one from script.createCachedData(): taken after the run, it holds every function the run
// compiled, not just the top level. Chunks are CommonJS; their require('./x.cjs') comes back
// here, anything else (node: built-ins, optional add-ons) goes to Node's require.
//
// Cache files live in $XDG_CACHE_HOME/chatctl (default ~/.cache/chatctl, os.tmpdir() without a
// home), one directory per Node version and dist directory, one file per chunk name, stamped
// with the chunk's size and mtime. Chunk names carry content hashes, so a rebuild writes new
// files; files of chunks no longer in dist are removed then. The cache is only speed: a
// missing, foreign or unwritable directory means compiling as usual, never an error.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** Loads a CommonJS entry (dist/main.cjs) and the chunks it requires, with cached code. */
function load(entry) {
  const dist = path.dirname(entry);
  const nodeRequire = Module.createRequire(entry);
  const cacheDir = trustedCacheDir(dist);
  const loaded = new Map(); // file → module
  const toWrite = []; // [chunk name, stamp, vm.Script]

  const localRequire = (id) => (id.startsWith('./') ? requireChunk(path.join(dist, id)) : nodeRequire(id));
  localRequire.resolve = nodeRequire.resolve;
  localRequire.cache = nodeRequire.cache;
  localRequire.main = require.main;

  function requireChunk(file) {
    const cached = loaded.get(file);
    if (cached) return cached.exports;
    const fd = fs.openSync(file, 'r');
    let source, stamp;
    try {
      const { size, mtimeMs } = fs.fstatSync(fd);
      stamp = `${size}:${mtimeMs}`;
      source = fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
    const name = path.basename(file);
    const cachedData = cacheDir && readCache(path.join(cacheDir, name), stamp);
    const script = new vm.Script(wrap(source), { filename: file, cachedData });
    if (cacheDir && (!cachedData || script.cachedDataRejected)) toWrite.push([name, stamp, script]);

    const mod = new Module(file, module);
    mod.filename = file;
    loaded.set(file, mod);
    script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, file, dist);
    mod.loaded = true;
    return mod.exports;
  }

  // At exit, so that the cache holds what this run compiled (process.exit() still gets here).
  process.once('exit', () => toWrite.length && writeCaches(cacheDir, dist, toWrite));
  return requireChunk(entry);
}

/** The CommonJS module wrapper, as Node's loader applies it. */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;

function readCache(file, stamp) {
  try {
    const data = fs.readFileSync(file);
    const newline = data.indexOf(10);
    if (newline > 0 && data.toString('latin1', 0, newline) === stamp) return data.subarray(newline + 1);
  } catch {
    // no cache yet
  }
  return undefined;
}

function writeCaches(cacheDir, dist, entries) {
  try {
    makeDirs(cacheDir);
    for (const [name, stamp, script] of entries) {
      // Write then rename: concurrent runs never see half a file.
      const tmp = path.join(cacheDir, `${name}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${stamp}\n`, 'latin1'), script.createCachedData()]));
      fs.renameSync(tmp, path.join(cacheDir, name));
    }
    const current = new Set(fs.readdirSync(dist));
    for (const name of fs.readdirSync(cacheDir)) {
      if (!current.has(name) && !name.endsWith('.tmp')) fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch {
    // read-only or full disk: no cache, same behaviour
  }
}

/** mkdir -p, one level at a time: Node 20's mkdirSync({ recursive: true }) can spin forever
 * under a path it cannot create (seen with XDG_CACHE_HOME=/proc/x). */
function makeDirs(dir) {
  const parent = path.dirname(dir);
  if (parent !== dir && !fs.existsSync(parent)) makeDirs(parent);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
}

/** The cache directory for this Node, dist and set of V8 flags (V8 rejects a cache made under
 * other flags, so runs with and without a flag would otherwise rewrite each other's files), or
 * undefined when it exists but is not ours alone (compiled code from a file someone else can
 * write would run as our code). */
function trustedCacheDir(dist) {
  const flags = `${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`;
  const key = `v8-${process.version}-${process.arch}-${hash(`${dist}\0${flags}`)}`;
  const home = process.env.XDG_CACHE_HOME || (os.homedir() && path.join(os.homedir(), '.cache'));
  const dir = home ? path.join(home, 'chatctl', key) : path.join(os.tmpdir(), `chatctl-${process.getuid?.()}-${key}`);
  try {
    const st = fs.statSync(dir);
    if ((process.getuid && st.uid !== process.getuid()) || st.mode & 0o022) return undefined;
  } catch {
    // not created yet: writeCaches creates it, mode 0700
  }
  return dir;
}

/** A short, stable name for the dist path (djb2; node:crypto would cost more than it saves). */
function hash(text) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33) ^ text.charCodeAt(i);
  return (h >>> 0).toString(36);
}

module.exports = { load };

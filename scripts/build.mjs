// Bundles src/main.ts into dist/ with code splitting, so that the start-up path (argument
// parsing, --help, completion) is one small file and the AWS SDK, ws, the emulator, yaml and
// JMESPath load only in the chunks of the commands that use them. The SDK's ES-module build
// is preferred (mainFields) because esbuild can tree-shake it; see docs/architecture.md, "Start-up".
//
// Two stages, because esbuild splits code only in ESM output while Node 20 can cache compiled
// code only for scripts (vm.Script cachedData; ESM has no such hook before Node 22's
// module.enableCompileCache):
//   1. an ESM build with splitting (esbuild decides the chunks; shared modules stay shared);
//   2. each chunk transformed to CommonJS, with import() turned into require(), written as .cjs.
// bin/chatctl.js loads dist/main.cjs through bin/code-cache.cjs (Node 20) or require() with
// Node's compile cache (Node >= 22.1). See docs/architecture.md, "Start-up".
//
// The code is minified, so each chunk ships a source map (dist/*.cjs.map, no sources inlined),
// mapping it back through both stages to src/ and node_modules/. Nothing reads the maps unless
// --debug prints a stack trace (src/io/stack-trace.ts); the chunks carry no sourceMappingURL.
//
// The new files are written beside dist/ and moved in only when the build succeeded, so a
// failed build leaves the last good one in place. They are moved file by file, chunks before
// the entry (main.cjs), and the previous build's chunks stay until the next build: a chatctl
// started just before (another terminal, a test run) still finds every chunk it asks for.
import { build, transform } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = 'dist';
const staging = `dist.${process.pid}.tmp`;

// commander requires node:child_process at load (~3 ms on this machine) for executable
// subcommands, which chatctl does not use: load it only if commander ever spawns.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${path}: the child_process require to defer is not there`);
      return { contents: source.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

const result = await build({
  plugins: [lazyChildProcess],
  entryPoints: { main: 'src/main.ts' },
  outdir,
  write: false,
  metafile: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  // Inline, so that stage 2 finds it and composes its own map with it.
  sourcemap: 'inline',
  sourcesContent: false,
  legalComments: 'none',
  // Content hashes in chunk names: bin/code-cache.cjs keys its cache files by file name.
  chunkNames: '[name]-[hash]',
  // ws tries these optional native add-ons and falls back when they are absent.
  external: ['bufferutil', 'utf-8-validate'],
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});

const cjsName = (path) => basename(path).replace(/\.js$/, '.cjs');
// Relative specifiers between chunks: "./chunk-X.js" → "./chunk-X.cjs" (static and dynamic).
const renameImports = (code) => code.replace(/(["'])\.\/([\w.-]+)\.js\1/g, '$1./$2.cjs$1');

mkdirSync(staging, { recursive: true });
process.on('exit', () => rmSync(staging, { recursive: true, force: true }));
for (const file of result.outputFiles) {
  const name = cjsName(file.path);
  const { code, map } = await transform(renameImports(file.text), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    // import() becomes Promise.resolve().then(() => require(...)): code restored from a V8
    // code cache on Node 20 has no dynamic-import hook, and require() goes through the loader.
    supported: { 'dynamic-import': false },
    sourcemap: 'external',
    sourcesContent: false,
    sourcefile: name,
    logLevel: 'warning',
  });
  writeFileSync(`${staging}/${name}`, code);
  writeFileSync(`${staging}/${name}.map`, map);
}

// The chunk graph for test/unit/lazy-loading.test.ts, under the names written above.
writeFileSync(`${staging}/meta.json`, JSON.stringify(result.metafile).replace(/("dist\/[\w.-]+)\.js"/g, '$1.cjs"'));
swapIn(staging, outdir);

function swapIn(from, to) {
  const previous = builtFiles(to);
  mkdirSync(to, { recursive: true });
  const entry = ['main.cjs.map', 'main.cjs', 'meta.json'];
  const files = readdirSync(from);
  for (const name of [...files.filter((f) => !entry.includes(f)), ...entry]) renameSync(`${from}/${name}`, `${to}/${name}`);
  const keep = new Set([...files, ...previous]);
  for (const name of readdirSync(to)) if (!keep.has(name)) rmSync(`${to}/${name}`, { recursive: true, force: true });
}

/** The files of the build in `dir`, from its meta.json (chunks and their maps). */
function builtFiles(dir) {
  if (!existsSync(`${dir}/meta.json`)) return [];
  try {
    const outputs = Object.keys(JSON.parse(readFileSync(`${dir}/meta.json`, 'utf8')).outputs).map((p) => basename(p));
    return outputs.flatMap((name) => [name, `${name}.map`]);
  } catch {
    return [];
  }
}

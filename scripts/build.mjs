// Bundles src/main.ts into dist/ with code splitting, so that the start-up path (argument
// parsing, --help, completion) is one small file and the AWS SDK, ws, the emulator, yaml and
// JMESPath load only in the chunks of the commands that use them. The SDK's ES-module build
// is preferred (mainFields) because esbuild can tree-shake it; see ../shared/reference/performance.md.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // ws tries these optional native add-ons and falls back when they are absent.
  external: ['bufferutil', 'utf-8-validate'],
  // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});

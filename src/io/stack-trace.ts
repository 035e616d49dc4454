// --debug stack traces in source terms. The bundle is minified (scripts/build.mjs), so a raw
// frame says `dist/main.cjs:102:4711`; with --debug, frames in dist/ are looked up in the
// chunk's source map and printed as `src/cli.ts:64:11`. Maps are read only when a stack is
// formatted, so a run without --debug (or without an error) never touches them.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

/** Formats every later stack trace with source positions where a map is found. */
export function useSourceMaps(): void {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) maps.set(file, loadMap(file));
    return maps.get(file)!;
  };
  Error.prepareStackTrace = (error, frames) => {
    const head = `${error.name}: ${error.message}`;
    return [head, ...frames.map((frame) => `    at ${describeFrame(frame, mapFor)}`)].join('\n');
  };
}

function describeFrame(frame: NodeJS.CallSite, mapFor: (file: string) => SourceMap | null): string {
  const file = frame.getFileName();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  const map = file && line && column ? mapFor(file) : null;
  // Node 20 returns {} for a position the map does not cover.
  const entry = map?.findEntry(line! - 1, column! - 1) as Partial<SourceMapping> | undefined;
  if (!entry?.originalSource) return String(frame);
  // Minified function names say nothing, so a mapped frame is its source position alone.
  const source = relative(resolve(dirname(file!), '..'), resolve(dirname(file!), entry.originalSource));
  return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
}

function loadMap(file: string): SourceMap | null {
  if (!/\.c?js$/.test(file)) return null;
  try {
    // node:module's SourceMap parses version-3 maps; no --enable-source-maps needed.
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    return null;
  }
}

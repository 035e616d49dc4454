// --help, completion and parse errors must not load the AWS SDK or ws: the start-up chunk of
// the bundle (dist/main.js and what it imports statically) must not contain them. Reads the
// esbuild metafile written by `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const metaPath = new URL('../../dist/meta.json', import.meta.url);

describe('lazy loading', () => {
  it('the start-up chunk statically imports no SDK, ws, emulator, yaml or JMESPath code', () => {
    expect(existsSync(metaPath), 'run npm run build first').toBe(true);
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as {
      outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown>; entryPoint?: string }>;
    };
    const entry = Object.keys(meta.outputs).find((k) => meta.outputs[k].entryPoint === 'src/main.ts');
    expect(entry).toBeDefined();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !meta.outputs[file]) return;
      seen.add(file);
      for (const imp of meta.outputs[file].imports) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(entry!);
    const inputs = [...seen].flatMap((f) => Object.keys(meta.outputs[f].inputs));
    expect(inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true);
    const heavy = inputs.filter((i) => /node_modules\/(@aws-sdk|@smithy|ws|yaml|@jmespath-community|cli-table3)\/|src\/emulator\/(?!defaults\.ts)/.test(i));
    expect(heavy).toEqual([]);
  });
});

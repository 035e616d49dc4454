// A clone anywhere must build and pass: nothing the project runs may reach outside the
// repository (the models it generates from live in models/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const DIRS = ['src', 'scripts', 'test', 'bench', 'bin', '.ci'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('standalone repository', () => {
  it('no source, script, test or bench file refers to a path outside the repository', () => {
    const offenders = DIRS.flatMap((d) => files(join(root, d)))
      .filter((f) => !f.endsWith('standalone.test.ts'))
      .filter((f) => /\.\.\/shared\/|\/work\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(root.length))).toEqual([]);
  });

  it('the Smithy models the tables are generated from are in the repository', () => {
    const models = readdirSync(join(root, 'models')).filter((f) => f.endsWith('.json')).sort();
    expect(models).toEqual(['chime-sdk-identity-2021-04-20.json', 'chime-sdk-messaging-2021-05-15.json', 'ivschat-2020-07-14.json']);
  });
});

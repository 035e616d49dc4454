// Every Chime SDK messaging operation of the model is called by these tests, through its SDK
// v3 command, at least once.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { MODELS } from '../../../src/emulator/model.js';

it('each of the 51 messaging operations is exercised by a test here', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'coverage.test.ts')
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
    .join('\n');
  const operations = Object.keys(MODELS.messaging.operations);
  expect(operations).toHaveLength(51);
  const untested = operations.filter((op) => !new RegExp(`new ${op}Command\\(`).test(sources));
  expect(untested).toEqual([]);
});

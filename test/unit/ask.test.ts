// The confirmation prompt on a terminal: an answer, Ctrl-C (interrupt the run) and Ctrl-D
// (no answer), through readline in terminal mode as a real TTY drives it.
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { askLine } from '../../src/io/streams.js';

function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let shown = '';
  output.on('data', (d) => (shown += d));
  const interrupt = vi.fn();
  return { input, output, interrupt, shown: () => shown };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('askLine on a terminal', () => {
  it('returns the line typed', async () => {
    const t = terminal();
    const answer = askLine('Delete? [y/N] ', t);
    await tick();
    t.input.write('yes\r');
    await expect(answer).resolves.toBe('yes');
    expect(t.shown()).toContain('Delete? [y/N] ');
  });

  it('Ctrl-C interrupts the run and never answers', async () => {
    const t = terminal();
    let answered = false;
    void askLine('Delete? [y/N] ', t).then(() => (answered = true));
    await tick();
    t.input.write('\u0003');
    await tick();
    expect(t.interrupt).toHaveBeenCalledOnce();
    expect(answered).toBe(false);
  });

  it('Ctrl-D is no answer', async () => {
    const t = terminal();
    const answer = askLine('Delete? [y/N] ', t);
    await tick();
    t.input.write('\u0004');
    await expect(answer).resolves.toBe('');
    expect(t.interrupt).not.toHaveBeenCalled();
  });

  it('the end of input is no answer', async () => {
    const t = terminal();
    const answer = askLine('Delete? [y/N] ', t);
    await tick();
    t.input.end();
    await expect(answer).resolves.toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { Renderer, formatTable, type ListView, type Page } from '../../src/io/render.js';
import { testIO } from '../../src/io/streams.js';
import { sanitize, relativeTime } from '../../src/io/format.js';
import type { OutputFormat } from '../../src/context/settings.js';

const view: ListView = {
  key: 'Users',
  noun: 'users',
  columns: [['ID', (u) => u.Id], ['NAME', (u) => u.Name]],
  id: (u) => u.Arn,
};

async function* twoPages(nextToken?: string): AsyncGenerator<Page<any>> {
  yield { items: [{ Id: 'a', Name: 'Alice', Arn: 'arn:a' }], nextToken: 'p2' };
  yield { items: [{ Id: 'b', Name: 'Bob\u001b[31m', Arn: 'arn:b' }], nextToken };
}

function render(output: OutputFormat, extra: { query?: string; tty?: boolean } = {}) {
  const io = testIO({ tty: extra.tty });
  return { io, r: new Renderer(io, { output, query: extra.query, quiet: false, dryRun: false }) };
}

describe('list rendering', () => {
  it('streams json in the AWS shape, identical to JSON.stringify of the whole list', async () => {
    const { io, r } = render('json');
    await r.list(twoPages('more'), view);
    const expected = { Users: [{ Id: 'a', Name: 'Alice', Arn: 'arn:a' }, { Id: 'b', Name: 'Bob\u001b[31m', Arn: 'arn:b' }], NextToken: 'more' };
    expect(io.stdout()).toBe(JSON.stringify(expected, null, 2) + '\n');
  });

  it('prints the empty list shape in json and a note on stderr for tables', async () => {
    const json = render('json');
    await json.r.list((async function* () { yield { items: [] }; })(), view);
    expect(JSON.parse(json.io.stdout())).toEqual({ Users: [] });
    const table = render('table', { tty: true });
    await table.r.list((async function* () { yield { items: [] }; })(), view);
    expect(table.io.stdout()).toBe('');
    expect(table.io.stderr()).toContain('No users found.');
  });

  it('jsonl, id and text write one line per item', async () => {
    const jsonl = render('jsonl');
    await jsonl.r.list(twoPages(), view);
    expect(jsonl.io.stdout().trim().split('\n').map((l) => JSON.parse(l).Id)).toEqual(['a', 'b']);
    const id = render('id');
    await id.r.list(twoPages(), view);
    expect(id.io.stdout()).toBe('arn:a\narn:b\n');
    const text = render('text');
    await text.r.list(twoPages(), view);
    expect(text.io.stdout().split('\n')[0]).toBe('a\tAlice');
  });

  it('tables have upper-case headers, strip control sequences from cells and hint at more pages', async () => {
    const { io, r } = render('table', { tty: true });
    await r.list(twoPages('tok'), view);
    expect(io.stdout().split('\n')[0]).toMatch(/^ID\s+NAME$/);
    expect(io.stdout()).toContain('Bob');
    expect(io.stdout()).not.toContain('\u001b');
    expect(io.stderr()).toContain('--starting-token tok');
  });

  it('jsonl and json write each page before the next one is fetched', async () => {
    for (const format of ['jsonl', 'json'] as const) {
      const { io, r } = render(format);
      let seenBeforeSecondPage = '';
      async function* pages(): AsyncGenerator<Page<any>> {
        yield { items: [{ Id: 'first' }], nextToken: 't' };
        seenBeforeSecondPage = io.stdout();
        yield { items: [{ Id: 'second' }] };
      }
      await r.list(pages(), view);
      expect(seenBeforeSecondPage).toContain('first');
      expect(seenBeforeSecondPage).not.toContain('second');
    }
  });

  it('applies --query to the whole document', async () => {
    const { io, r } = render('json', { query: 'Users[].Name' });
    await r.list(twoPages(), view);
    expect(JSON.parse(io.stdout())).toEqual(['Alice', 'Bob\u001b[31m']);
  });

  it('rejects a malformed --query as a usage error', async () => {
    const { r } = render('json', { query: 'Users[' });
    await expect(r.list(twoPages(), view)).rejects.toMatchObject({ exitCode: 252 });
  });
});

describe('item rendering', () => {
  const data = { AppInstance: { AppInstanceArn: 'arn:x', Name: 'demo', CreatedTimestamp: new Date('2026-01-02T03:04:05Z') } };
  it('json keeps the response shape with ISO dates; id prints the identifier', async () => {
    const json = render('json');
    await json.r.item(data, { show: (d) => d.AppInstance, id: (d) => d.AppInstance.AppInstanceArn });
    expect(JSON.parse(json.io.stdout())).toEqual({ AppInstance: { AppInstanceArn: 'arn:x', Name: 'demo', CreatedTimestamp: '2026-01-02T03:04:05.000Z' } });
    const id = render('id');
    await id.r.item(data, { id: (d) => d.AppInstance.AppInstanceArn });
    expect(id.io.stdout()).toBe('arn:x\n');
  });

  it('the table view of one resource is vertical key/value', async () => {
    const { io, r } = render('table', { tty: true });
    await r.item(data, { show: (d) => d.AppInstance, id: () => undefined });
    expect(io.stdout()).toMatch(/^AppInstanceArn\s+arn:x$/m);
    expect(io.stdout()).toMatch(/^Name\s+demo$/m);
  });

  it('text prints ISO-8601 UTC times', async () => {
    const { io, r } = render('text');
    await r.item(data, { show: (d) => d.AppInstance, id: () => undefined });
    expect(io.stdout()).toBe('arn:x\tdemo\t2026-01-02T03:04:05.000Z\n');
  });
});

describe('formatting helpers', () => {
  it('shrinks the widest column to fit the terminal', () => {
    const out = formatTable(['ID', 'NAME'], [['a', 'x'.repeat(100)]], 40);
    for (const line of out.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
    expect(out).toContain('…');
  });

  it('sanitize removes escapes and control characters', () => {
    expect(sanitize('a\u001b[2Jb\u0007c')).toBe('abc');
  });

  it('relative times read naturally', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(relativeTime(new Date('2026-01-01T00:09:58Z'), now)).toBe('just now');
    expect(relativeTime(new Date('2026-01-01T00:05:00Z'), now)).toBe('5 minutes ago');
    expect(relativeTime(new Date('2026-01-01T03:10:00Z'), now)).toBe('in 3 hours');
  });
});

describe('--query as the AWS CLI takes it', () => {
  const users = async function* (): AsyncGenerator<Page<any>> {
    yield { items: [{ Id: 'a', Name: 'Alice', Arn: 'arn:a' }, { Id: 'b', Name: 'Bob', Arn: 'arn:b' }] };
  };

  it('accepts legacy backtick literals from the AWS CLI docs', async () => {
    const { io, r } = render('json', { query: 'Users[?Name==`Bob`].Id' });
    await r.list(users(), view);
    expect(JSON.parse(io.stdout())).toEqual(['b']);
  });

  it('keeps JSON backtick literals and raw strings as they are', async () => {
    const { io, r } = render('json', { query: "Users[?Name==`\"Bob\"` || Name=='Alice'].Id" });
    await r.list(users(), view);
    expect(JSON.parse(io.stdout())).toEqual(['a', 'b']);
  });

  it('-o table draws the query result as a table, not JSON', async () => {
    const { io, r } = render('table', { query: 'Users[].{Id:Id,Name:Name}', tty: true });
    await r.list(users(), view);
    expect(io.stdout()).toMatch(/^Id\s+Name\na\s+Alice\nb\s+Bob\n$/);
    const scalars = render('table', { query: 'Users[].Name', tty: true });
    await scalars.r.list(users(), view);
    expect(scalars.io.stdout()).toBe('Alice\nBob\n');
  });
});

describe('the truncation token', () => {
  it('is NextToken in every format, also for services whose API says nextToken', async () => {
    const ivsView: ListView = { ...view, key: 'rooms' };
    const json = render('json');
    await json.r.list(twoPages('more'), ivsView);
    expect(JSON.parse(json.io.stdout())).toMatchObject({ NextToken: 'more' });
    expect(json.io.stdout()).not.toContain('nextToken');
    const yaml = render('yaml');
    await yaml.r.list(twoPages('more'), ivsView);
    expect(yaml.io.stdout()).toContain('NextToken: more');
  });
});

describe('remote control characters on a terminal', () => {
  const evil = 'Bob\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f';
  const pages = async function* (): AsyncGenerator<Page<any>> {
    yield { items: [{ Id: 'b', Name: evil, Arn: `arn:${evil}` }] };
  };
  const item = { User: { Name: evil } };

  for (const output of ['json', 'jsonl', 'text', 'id', 'yaml'] as const) {
    it(`-o ${output} writes no control characters to a TTY and is byte-exact when piped`, async () => {
      const tty = render(output, { tty: true });
      await tty.r.list(pages(), view);
      await tty.r.item(item, { show: (d) => d.User, id: (d) => d.User.Name });
      expect(tty.io.stdout()).toContain('Bob');
      expect(tty.io.stdout()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);

      const piped = render(output);
      await piped.r.list(pages(), view);
      await piped.r.item(item, { show: (d) => d.User, id: (d) => d.User.Name });
      if (output === 'text' || output === 'id') expect(piped.io.stdout()).toContain(evil);
      else expect(piped.io.stdout()).toContain('\u009b31m\u007f');
    });
  }

  it('json on a terminal escapes C1 controls and DEL, so the values survive', async () => {
    const { io, r } = render('json', { tty: true });
    await r.item(item, { id: () => undefined });
    expect(JSON.parse(io.stdout())).toEqual(item);
  });

  it('query results are neutralised too', async () => {
    const { io, r } = render('text', { tty: true, query: 'Users[].Name' });
    await r.list(pages(), view);
    expect(io.stdout()).not.toContain('\u001b');
  });
});

describe('remote map keys on a terminal', () => {
  it('the vertical table view neutralises them too', async () => {
    const { io, r } = render('table', { tty: true });
    await r.item({ Room: { name: 'lobby', tags: { 'team\u001b]0;pwned\u0007': 'ops' } } }, { show: (d) => d.Room, id: () => undefined });
    expect(io.stdout()).toMatch(/^tags\.team\]0;pwned\s+ops$/m);
    expect(io.stdout()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

// Renders command results on stdout in the chosen format. Lists arrive page by page and, in
// json/jsonl/id/text without --query, are written as they arrive so a long list never sits in
// memory. Tables need column widths, and --query needs the whole document, so those buffer.
import Table from 'cli-table3';
import type { Settings } from '../context/settings.js';
import { usageError } from './errors.js';
import { cell, flatten, textField, toJsonValue } from './format.js';
import type { IO } from './streams.js';

export type Column<T> = [header: string, value: (item: T) => unknown];

export interface ItemView<D = any> {
  /** What the table (vertical view) and text show; default: the whole response. */
  show?: (data: D) => unknown;
  /** The primary identifier(s) for -o id. */
  id: (data: D) => string | string[] | undefined;
}

export interface ListView<T = any> {
  /** The list member of the API response (AppInstanceUsers, rooms ...). */
  key: string;
  /** The pagination token member of the API response (NextToken, nextToken). */
  tokenKey?: string;
  columns: Column<T>[];
  id: (item: T) => string | undefined;
  /** Plural noun for "No users found." */
  noun: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

type RenderSettings = Pick<Settings, 'output' | 'query' | 'quiet' | 'dryRun'> & { noHeaders?: boolean };

export class Renderer {
  constructor(
    private readonly io: IO,
    private readonly settings: RenderSettings,
  ) {}

  /** One resource or response (get, create, update, set). */
  async item<D>(data: D, view: ItemView<D>): Promise<void> {
    if (this.settings.dryRun) return;
    if (this.settings.query) return this.queried(toJsonValue(data));
    const { io } = this;
    switch (this.settings.output) {
      case 'json':
        io.out(JSON.stringify(toJsonValue(data), null, 2) + '\n');
        return;
      case 'jsonl':
        io.out(JSON.stringify(toJsonValue(data)) + '\n');
        return;
      case 'yaml':
        io.out(await toYaml(toJsonValue(data)));
        return;
      case 'id':
        for (const id of [view.id(data)].flat()) if (id) io.out(id + '\n');
        return;
      case 'text': {
        const shown = view.show ? view.show(data) : data;
        io.out(flatten(shown).map(([, v]) => textField(v)).join('\t') + '\n');
        return;
      }
      case 'table':
        this.vertical(view.show ? view.show(data) : data);
        return;
    }
  }

  /** A paginated list; returns how many items were written. */
  async list<T>(pages: AsyncIterable<Page<T>>, view: ListView<T>): Promise<number> {
    if (this.settings.dryRun) return 0;
    const { io } = this;
    const tokenKey = view.tokenKey ?? 'NextToken';
    const format = this.settings.output;
    if (this.settings.query || format === 'table' || format === 'yaml') {
      const items: T[] = [];
      let nextToken: string | undefined;
      for await (const page of pages) {
        items.push(...page.items);
        nextToken = page.nextToken;
      }
      const doc: Record<string, unknown> = { [view.key]: items };
      if (nextToken) doc[tokenKey] = nextToken;
      if (this.settings.query) await this.queried(toJsonValue(doc));
      else if (format === 'yaml') io.out(await toYaml(toJsonValue(doc)));
      else this.table(items, view);
      if (format === 'table' && !this.settings.query) this.afterList(items.length, nextToken, view);
      return items.length;
    }

    let count = 0;
    let nextToken: string | undefined;
    let opened = false;
    for await (const page of pages) {
      // Open the JSON document only once the first page is in, so a failing first call
      // leaves stdout empty rather than half a document.
      if (format === 'json' && !opened) io.out(`{\n  ${JSON.stringify(view.key)}: [`);
      opened = true;
      for (const item of page.items) {
        if (format === 'json') {
          io.out((count ? ',' : '') + '\n    ' + JSON.stringify(toJsonValue(item), null, 2).replace(/\n/g, '\n    '));
        } else if (format === 'jsonl') {
          io.out(JSON.stringify(toJsonValue(item)) + '\n');
        } else if (format === 'id') {
          const id = view.id(item);
          if (id) io.out(id + '\n');
        } else {
          io.out(view.columns.map(([, get]) => textField(get(item))).join('\t') + '\n');
        }
        count++;
      }
      nextToken = page.nextToken;
      await io.drain();
    }
    if (format === 'json') {
      io.out((count ? '\n  ]' : ']') + (nextToken ? `,\n  ${JSON.stringify(tokenKey)}: ${JSON.stringify(nextToken)}` : '') + '\n}\n');
    }
    this.afterList(count, nextToken, view);
    return count;
  }

  private afterList(count: number, nextToken: string | undefined, view: Pick<ListView, "noun">) {
    if (this.settings.quiet) return;
    if (count === 0 && this.settings.output !== 'json') this.io.err(`No ${view.noun} found.\n`);
    if (nextToken && this.settings.output !== 'json' && this.settings.output !== 'yaml') {
      this.io.err(`hint: more results; rerun with --starting-token ${nextToken}\n`);
    }
  }

  private table<T>(items: T[], view: ListView<T>) {
    if (items.length === 0) return;
    const headers = view.columns.map(([h]) => h.toUpperCase());
    const rows = items.map((item) => view.columns.map(([, get]) => cell(get(item))));
    this.io.out(formatTable(this.settings.noHeaders ? null : headers, rows, this.io.columns, (h) => this.io.outColor.bold(h)));
  }

  private vertical(value: unknown) {
    const pairs = flatten(value);
    if (pairs.length === 0) return;
    const width = Math.max(...pairs.map(([k]) => k.length));
    const { outColor } = this.io;
    this.io.out(pairs.map(([k, v]) => `${outColor.bold(k.padEnd(width))}  ${cell(v)}`).join('\n') + '\n');
  }

  private async queried(doc: unknown) {
    const result = await runQuery(this.settings.query!, doc);
    const { io } = this;
    switch (this.settings.output) {
      case 'yaml':
        io.out(await toYaml(result));
        return;
      case 'jsonl':
        io.out(JSON.stringify(result) + '\n');
        return;
      case 'id':
        for (const v of [result].flat(2)) if (v !== null && v !== undefined && typeof v !== 'object') io.out(String(v) + '\n');
        return;
      case 'text':
        io.out(textLines(result));
        return;
      default:
        io.out(JSON.stringify(result, null, 2) + '\n');
    }
  }
}

/** gh-style calm table (cli-table3 without borders): two spaces between columns, the widest
 * column shrunk until the table fits the terminal, cut cells ending in an ellipsis. */
export function formatTable(headers: string[] | null, rows: string[][], maxWidth: number, bold: (s: string) => string = (s) => s): string {
  const all = headers ? [headers, ...rows] : rows;
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  if (maxWidth > 0) {
    const gap = 2 * (widths.length - 1);
    while (widths.reduce((a, b) => a + b, 0) + gap > maxWidth) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widths[widest] <= 8) break;
      widths[widest]--;
    }
  }
  const table = new Table({
    head: headers ? headers.map(bold) : [],
    colWidths: widths.map((w) => w + 2),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2, compact: true },
    truncate: '…',
    wordWrap: false,
  });
  table.push(...rows);
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n') + '\n';
}

const NO_BORDER = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'].map((k) => [k, '']),
);

function textLines(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map(textField).join('\t') + '\n';
    return value.map((v) => textLines(v)).join('');
  }
  if (value && typeof value === 'object') return Object.values(value).map(textField).join('\t') + '\n';
  return textField(value) + '\n';
}

async function runQuery(expression: string, doc: unknown): Promise<unknown> {
  const jmespath = await import('@jmespath-community/jmespath');
  try {
    return jmespath.search(doc as any, expression);
  } catch (err) {
    throw usageError(`invalid --query '${expression}': ${(err as Error).message}`, 'see https://jmespath.org for the syntax');
  }
}

async function toYaml(value: unknown): Promise<string> {
  const yaml: any = await import('yaml');
  // The package is CommonJS; depending on the bundler's interop the functions sit on the
  // namespace or on its default export.
  return (yaml.stringify ?? yaml.default.stringify)(value);
}

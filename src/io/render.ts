// Renders command results on stdout in the chosen format. Lists arrive page by page and, in
// json/jsonl/id/text without --query, are written as they arrive so a long list never sits in
// memory. Tables need column widths, and --query needs the whole document, so those buffer.
// On a terminal, remote text never reaches it raw in any format (a user name must not be able
// to retitle or clear it); piped output stays byte-exact.
import Table from 'cli-table3';
import type { Settings } from '../context/settings.js';
import { usageError } from './errors.js';
import { cell, flatten, sanitize, textField, toJsonValue } from './format.js';
import { awsCliQuery } from './query.js';
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
        io.out(this.json(toJsonValue(data), 2) + '\n');
        return;
      case 'jsonl':
        io.out(this.json(toJsonValue(data)) + '\n');
        return;
      case 'yaml':
        io.out(await this.yaml(toJsonValue(data)));
        return;
      case 'id':
        for (const id of [view.id(data)].flat()) if (id) io.out(this.field(id) + '\n');
        return;
      case 'text': {
        const shown = view.show ? view.show(data) : data;
        io.out(flatten(shown).map(([, v]) => this.field(v)).join('\t') + '\n');
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
    // The resume token is NextToken for every service (IVS calls it nextToken), as the AWS CLI
    // prints it with --max-items.
    const tokenKey = 'NextToken';
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
      else if (format === 'yaml') io.out(await this.yaml(toJsonValue(doc)));
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
      // One write per page: a write per item costs more than the formatting on long lists.
      let chunk = format === 'json' && !opened ? `{\n  ${JSON.stringify(view.key)}: [` : '';
      opened = true;
      for (const item of page.items) {
        if (format === 'json') {
          chunk += (count ? ',' : '') + '\n    ' + this.json(item, 2).replace(/\n/g, '\n    ');
        } else if (format === 'jsonl') {
          chunk += this.json(item) + '\n';
        } else if (format === 'id') {
          const id = view.id(item);
          if (id) chunk += this.field(id) + '\n';
        } else {
          chunk += view.columns.map(([, get]) => this.field(get(item))).join('\t') + '\n';
        }
        count++;
      }
      if (chunk) io.out(chunk);
      nextToken = page.nextToken;
      await io.drain();
    }
    if (format === 'json') {
      io.out((count ? '\n  ]' : ']') + (nextToken ? `,\n  ${JSON.stringify(tokenKey)}: ${this.json(nextToken)}` : '') + '\n}\n');
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
    // Keys too: map members (tags, attributes) are named by whoever wrote them.
    const pairs = flatten(value).map(([k, v]) => [sanitize(k), v] as const);
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
        io.out(await this.yaml(result));
        return;
      case 'jsonl':
        io.out(this.json(result) + '\n');
        return;
      case 'id':
        for (const v of [result].flat(2)) if (v !== null && v !== undefined && typeof v !== 'object') io.out(this.field(v) + '\n');
        return;
      case 'text':
        io.out(textLines(result, (v) => this.field(v)));
        return;
      case 'table':
        this.queriedTable(result);
        return;
      default:
        io.out(this.json(result, 2) + '\n');
    }
  }

  /** A --query result as a table, as the AWS CLI draws one: a list of objects in columns
   * (keys as headers), a list of scalars or of lists in rows, an object vertically. */
  private queriedTable(result: unknown) {
    if (result === null || result === undefined) return;
    if (!Array.isArray(result)) {
      if (typeof result === 'object') this.vertical(result);
      else this.io.out(cell(result) + '\n');
      return;
    }
    const rows = result.filter((r) => r !== null && r !== undefined);
    if (rows.length === 0) return;
    const bold = (h: string) => this.io.outColor.bold(h);
    if (rows.every((r) => typeof r === 'object' && !Array.isArray(r))) {
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object)))];
      const headers = this.settings.noHeaders ? null : keys.map((k) => sanitize(k));
      this.io.out(formatTable(headers, rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k]))), this.io.columns, bold));
      return;
    }
    this.io.out(formatTable(null, rows.map((r) => (Array.isArray(r) ? r.map(cell) : [cell(r)])), this.io.columns, bold));
  }

  // Remote data on a terminal: JSON escapes what JSON.stringify leaves raw (DEL and the C1
  // controls, which some terminals read as CSI), so the document keeps its values; text, id
  // and yaml fields lose control characters and escape sequences, as table cells do.
  private get onTerminal() {
    return this.io.stdoutIsTTY;
  }

  /** JSON text of an API value (what toJsonValue would give, in one pass: lists call this per item). */
  private json(value: unknown, indent?: number): string {
    const text = JSON.stringify(value, dropMetadata, indent) ?? 'null';
    return this.onTerminal ? text.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
  }

  private field(value: unknown): string {
    const text = textField(value);
    return this.onTerminal ? sanitize(text) : text;
  }

  private yaml(value: unknown): Promise<string> {
    return toYaml(this.onTerminal ? sanitizeDeep(value) : value);
  }
}

const dropMetadata = (key: string, value: unknown) => (key === '$metadata' ? undefined : value);

function sanitizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return sanitize(value);
  if (Array.isArray(value)) return value.map(sanitizeDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitize(k), sanitizeDeep(v)]));
  return value;
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

function textLines(value: unknown, field: (v: unknown) => string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map(field).join('\t') + '\n';
    return value.map((v) => textLines(v, field)).join('');
  }
  if (value && typeof value === 'object') return Object.values(value).map(field).join('\t') + '\n';
  return field(value) + '\n';
}

async function runQuery(expression: string, doc: unknown): Promise<unknown> {
  const jmespath = await import('@jmespath-community/jmespath');
  try {
    return jmespath.search(doc as any, awsCliQuery(expression));
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

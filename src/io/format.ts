// Cell and value formatting shared by the renderers: relative times for people, ISO-8601 for
// scripts, and no terminal control characters from remote content.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Removes ANSI escapes and control characters so remote text cannot drive the terminal. */
export function sanitize(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(CONTROL, '');
}

export function relativeTime(date: Date, now = Date.now()): string {
  const seconds = Math.round((now - date.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const [n, unit] =
    s < 45 ? [s, 'second'] : s < 2700 ? [Math.round(s / 60), 'minute'] : s < 79200 ? [Math.round(s / 3600), 'hour'] : s < 2592000 ? [Math.round(s / 86400), 'day'] : s < 31536000 ? [Math.round(s / 2592000), 'month'] : [Math.round(s / 31536000), 'year'];
  if (unit === 'second' && n < 10) return future ? 'in a few seconds' : 'just now';
  const label = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return future ? `in ${label}` : `${label} ago`;
}

/** A value as one table cell (people): dates relative, objects compact, text sanitised. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return relativeTime(value);
  if (typeof value === 'object') return sanitize(JSON.stringify(value));
  return sanitize(String(value));
}

/** A value as one text field (scripts): ISO-8601 UTC dates, no tabs or newlines. */
export function textField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/[\t\n\r]/g, ' ');
}

/** Flattens nested objects into dotted keys, for the vertical key/value view. */
export function flatten(value: unknown, prefix = '', out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.push([prefix, '{}']);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.push([prefix, value]);
  }
  return out;
}

/** Drops the SDK's $metadata and undefined members; Dates become ISO strings in JSON. */
export function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === '$metadata' ? undefined : v)) ?? 'null');
}

// How state values are written to disk: JSON, with Dates as {"$date": "<ISO-8601>"} so they
// come back as Dates. JSON.stringify calls Date#toJSON before a replacer sees the value, so the
// replacer looks at the holder instead.

export function encodeDates(this: any, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

/** An object as JSON has them: not an array, Date, Buffer, Map or other class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function reviveDates(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const date = (value as { $date?: unknown }).$date;
    if (typeof date === 'string' && Object.keys(value).length === 1) return new Date(date);
  }
  return value;
}

/** JSON.stringify(value, encodeDates), written out: a replacer takes JSON.stringify off its fast
 * path, and this runs for every journal line and, record by record, for every snapshot. */
export function toDiskJson(value: unknown): string {
  return encode(value) ?? 'null';
}

function encode(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined; // undefined, functions and symbols: left out of objects, null in arrays
  }
  if (value === null) return 'null';
  if (value instanceof Date) return `{"$date":"${value.toISOString()}"}`;
  if (Array.isArray(value)) {
    let items = '';
    for (let i = 0; i < value.length; i++) items += `${i ? ',' : ''}${encode(value[i]) ?? 'null'}`;
    return `[${items}]`;
  }
  // Anything else JSON.stringify would treat specially (toJSON, boxed values, Maps...) goes to it.
  if (!isPlainObject(value) || typeof value.toJSON === 'function') {
    return JSON.stringify(value, encodeDates);
  }
  let out = '';
  for (const key of Object.keys(value)) {
    const item = encode((value as Record<string, unknown>)[key]);
    if (item !== undefined) out += `${out ? ',' : ''}${JSON.stringify(key)}:${item}`;
  }
  return `{${out}}`;
}
export const fromDiskJson = (text: string): unknown => JSON.parse(text, reviveDates);

// How state values are written to disk: JSON, with Dates as {"$date": "<ISO-8601>"} so they
// come back as Dates. JSON.stringify calls Date#toJSON before a replacer sees the value, so the
// replacer looks at the holder instead.

export function encodeDates(this: any, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

export function reviveDates(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const date = (value as { $date?: unknown }).$date;
    if (typeof date === 'string' && Object.keys(value).length === 1) return new Date(date);
  }
  return value;
}

export const toDiskJson = (value: unknown): string => JSON.stringify(value, encodeDates) ?? 'null';
export const fromDiskJson = (text: string): unknown => JSON.parse(text, reviveDates);

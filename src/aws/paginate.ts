// Follows NextToken page by page (as an async generator, so output can stream), honouring the
// AWS CLI's --max-items, --page-size, --starting-token and --no-paginate. When --max-items
// ends the run, the page size is cut so the last page ends exactly there and the service's own
// NextToken is the resume token.
import type { Page } from '../io/render.js';
import type { Aws, ServiceKey } from './clients.js';

export interface Paging {
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
  paginate?: boolean;
}

export interface PageSpec {
  /** The list member of the response. */
  items: string;
  /** Token member names: Chime uses NextToken, IVS nextToken. */
  token?: string;
  /** The page-size member: Chime MaxResults, IVS maxResults. */
  size?: string;
}

/** Every list operation of the three services caps a page at 50. */
export const MAX_PAGE_SIZE = 50;

export async function* pages<T>(
  aws: Aws,
  service: ServiceKey,
  operation: string,
  input: Record<string, unknown>,
  spec: PageSpec,
  paging: Paging = {},
): AsyncGenerator<Page<T>> {
  const tokenKey = spec.token ?? 'NextToken';
  const sizeKey = spec.size ?? 'MaxResults';
  let token = paging.startingToken;
  let remaining = paging.maxItems;
  for (;;) {
    let size = paging.pageSize;
    if (remaining !== undefined) size = Math.min(size ?? MAX_PAGE_SIZE, remaining);
    const output = await aws.call(service, operation, {
      ...input,
      ...(token ? { [tokenKey]: token } : {}),
      ...(size ? { [sizeKey]: size } : {}),
    });
    let items = ((output as Record<string, unknown>)[spec.items] as T[] | undefined) ?? [];
    if (remaining !== undefined && items.length > remaining) items = items.slice(0, remaining);
    token = (output as Record<string, unknown>)[tokenKey] as string | undefined;
    yield { items, nextToken: token };
    if (remaining !== undefined) remaining -= items.length;
    if (!token || paging.paginate === false || (remaining !== undefined && remaining <= 0)) return;
  }
}

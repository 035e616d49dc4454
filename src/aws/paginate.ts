// Follows a list operation page by page (as an async generator, so output can stream), honouring
// the AWS CLI's --max-items, --page-size, --starting-token and --no-paginate. The item, token and
// page-size members come from the generated operation table. When --max-items ends the run, the
// page size is cut so the last page ends exactly there and the service's own token resumes it.
import type { Page } from '../io/render.js';
import { factsOf, type Aws, type OperationInput, type OperationName, type ServiceKey } from './clients.js';

export interface Paging {
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
  paginate?: boolean;
}

/** The page-size cap when the model does not state one. */
export const MAX_PAGE_SIZE = 50;

export async function* pages<S extends ServiceKey, Op extends OperationName<S>>(
  aws: Aws,
  service: S,
  operation: Op,
  input: OperationInput<S, Op>,
  paging: Paging = {},
): AsyncGenerator<Page<any>> {
  const page = factsOf(service, operation).page;
  if (!page) throw new Error(`${service}.${operation} is not paginated`);
  let token = paging.startingToken;
  let remaining = paging.maxItems;
  for (;;) {
    let size = paging.pageSize;
    if (remaining !== undefined) size = Math.min(size ?? page.max ?? MAX_PAGE_SIZE, remaining);
    const output = (await aws.call(service, operation, {
      ...input,
      ...(token ? { [page.token]: token } : {}),
      ...(size ? { [page.size]: size } : {}),
    } as OperationInput<S, Op>)) as Record<string, unknown>;
    let items = (output[page.items] as unknown[] | undefined) ?? [];
    if (remaining !== undefined && items.length > remaining) items = items.slice(0, remaining);
    token = output[page.token] as string | undefined;
    yield { items, nextToken: token };
    if (remaining !== undefined) remaining -= items.length;
    if (!token || paging.paginate === false || (remaining !== undefined && remaining <= 0)) return;
  }
}

import { describe, expect, it } from 'vitest';
import { pages } from '../../src/aws/paginate.js';
import { fakeAws as stubbedAws } from '../support/fake-aws.js';

/** A fake ListAppInstances with `total` items served in pages of at most MaxResults (default 3). */
function fakeAws(total: number) {
  const aws = stubbedAws({
    ListAppInstances(input) {
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const size = (input.MaxResults as number) ?? 3;
      const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
      const next = start + items.length < total ? String(start + items.length) : undefined;
      return { AppInstances: items, NextToken: next };
    },
  });
  return { aws, calls: () => aws.inputsOf('ListAppInstances') };
}

async function collect(gen: AsyncGenerator<{ items: number[]; nextToken?: string }>) {
  const items: number[] = [];
  let last: string | undefined;
  for await (const p of gen) {
    items.push(...p.items);
    last = p.nextToken;
  }
  return { items, last };
}

describe('pagination', () => {
  it('follows every page by default', async () => {
    const { aws, calls } = fakeAws(8);
    const { items, last } = await collect(pages(aws, 'identity', 'ListAppInstances', {}));
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(last).toBeUndefined();
    expect(calls()).toHaveLength(3);
    aws.verify();
  });

  it('--max-items stops exactly there and leaves a resume token', async () => {
    const { aws } = fakeAws(20);
    const first = await collect(pages(aws, 'identity', 'ListAppInstances', {}, { maxItems: 5, pageSize: 3 }));
    expect(first.items).toEqual([0, 1, 2, 3, 4]);
    expect(first.last).toBe('5');
    const rest = await collect(pages(aws, 'identity', 'ListAppInstances', {}, { startingToken: first.last, maxItems: 2 }));
    expect(rest.items).toEqual([5, 6]);
  });

  it('--no-paginate fetches one page; IVS member names are honoured', async () => {
    const aws = stubbedAws({ ListRooms: () => ({ rooms: [1, 2], nextToken: 'n' }) });
    const { items, last } = await collect(pages(aws, 'ivschat', 'ListRooms', { name: 'x' }, { paginate: false, pageSize: 2 }));
    expect(items).toEqual([1, 2]);
    expect(last).toBe('n');
    expect(aws.inputsOf('ListRooms')).toEqual([{ name: 'x', maxResults: 2 }]);
  });
});

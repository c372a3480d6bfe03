import { encodeCursor, likeContains, pageRequest, searchText, toConnection } from '../src/pagination.js';

describe('page requests', () => {
  it('caps the page size at 100 with an error naming `first`', () => {
    expect(pageRequest({ first: 100 }).first).toBe(100);
    expect(() => pageRequest({ first: 101 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }) }),
    );
    expect(() => pageRequest({ first: -1 })).toThrow();
  });

  it('decodes its own cursors and refuses foreign ones', () => {
    expect(pageRequest({ first: 5, after: encodeCursor(['Liw', 'x']) }).after).toEqual(['Liw', 'x']);
    expect(() => pageRequest({ after: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'after' }) }),
    );
  });

  it('tells from the extra row whether a next page exists, and counts only when asked', async () => {
    let counted = 0;
    const page = toConnection(
      [1, 2, 3],
      { first: 2, after: null },
      (n) => [n],
      (n) => n * 10,
      async () => ++counted,
    );
    expect(page.edges.map((e) => e.node)).toEqual([10, 20]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(counted).toBe(0);
    await expect(page.totalCount).resolves.toBe(1);
  });

  it('encodes cursors only when they are read, the same ones as before', () => {
    const encoded: number[] = [];
    const page = toConnection(
      [1, 2, 3],
      { first: 2, after: null },
      (n) => {
        encoded.push(n);
        return [n];
      },
      (n) => n * 10,
      async () => 0,
    );
    expect(encoded).toEqual([]);
    expect(page.edges.map((e) => e.cursor)).toEqual([encodeCursor([1]), encodeCursor([2])]);
    expect(page.pageInfo).toMatchObject({ startCursor: encodeCursor([1]), endCursor: encodeCursor([2]) });
    expect(JSON.parse(JSON.stringify(page.edges))).toEqual([
      { node: 10, cursor: encodeCursor([1]) },
      { node: 20, cursor: encodeCursor([2]) },
    ]);
  });
});

describe('search text', () => {
  it('matches LIKE wildcards literally and refuses a 10,000-character search', () => {
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(() => searchText('x'.repeat(10_000))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'filter.search' }) }),
    );
    expect(searchText('   ')).toBeNull();
  });
});

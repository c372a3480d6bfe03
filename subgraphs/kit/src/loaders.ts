import DataLoader from 'dataloader';

/** Orders rows by the keys DataLoader asked for; a miss is `null`, as DataLoader expects. */
export function oneByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Groups rows under the keys DataLoader asked for; a key with no rows gets `[]`. */
export function manyByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const list = byKey.get(keyOf(row));
    if (list) list.push(row);
    else byKey.set(keyOf(row), [row]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/**
 * A per-request loader whose key is an object (e.g. a parent id plus filter arguments): keys are
 * cached by their JSON form so the same field asked twice in one request is fetched once.
 */
export function objectKeyLoader<K extends object, V>(
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(batch, { cacheKeyFn: (k) => JSON.stringify(k) });
}

export { DataLoader };

/**
 * Groups loader keys that ask the same thing of different parents (same filter, sort, page), so a
 * batched loader sends one statement per group for all its parents. `signatureOf` returns the part
 * of a key that is not the parent; groups keep the order in which keys arrived.
 */
export function groupBySignature<K>(keys: readonly K[], signatureOf: (key: K) => unknown): Map<string, K[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const signature = JSON.stringify(signatureOf(key));
    const group = groups.get(signature);
    if (group) group.push(key);
    else groups.set(signature, [key]);
  }
  return groups;
}

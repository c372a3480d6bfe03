import { query } from './client.js';
import type { Lang } from './i18n.js';

/** enum name → value → label, as the API's `labels(lang)` gives them. */
export type Labels = ReadonlyMap<string, ReadonlyMap<string, string>>;

const LABELS_QUERY = `query NgoHubLabels($lang: Language) { labels(lang: $lang) { enum values { value label } } }`;
const cache = new Map<string, Promise<Labels>>();

/**
 * The enum labels of one hub in one language, fetched once per page however many widgets ask. When the
 * query fails (an older hub without `labels`) the result is empty and `label()` shows the raw value.
 */
export function loadLabels(endpoint: string, lang: Lang): Promise<Labels> {
  const key = `${lang} ${endpoint}`;
  let labels = cache.get(key);
  if (!labels) {
    labels = query<{ labels: { enum: string; values: { value: string; label: string }[] }[] }>(endpoint, LABELS_QUERY, {
      lang: lang.toUpperCase(),
    }).then(
      (data) => new Map(data.labels.map((e) => [e.enum, new Map(e.values.map((v) => [v.value, v.label]))])),
      () => {
        cache.delete(key); // try again on the next render: the hub may come back
        return new Map();
      },
    );
    cache.set(key, labels);
  }
  return labels;
}

/** The label of `value` of `enumName`, or the value itself when the hub gave none. */
export function label(labels: Labels, enumName: string, value: string): string {
  return labels.get(enumName)?.get(value) ?? value;
}

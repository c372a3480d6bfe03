/** What `h` accepts as children: text is always inserted as text (never parsed as HTML). */
export type Child = Node | string | number | null | undefined | false | Child[];

/**
 * Builds an element: `on*` function props become listeners, `value`/`checked` set the property,
 * other props attributes (`true` = present, null/false/undefined = absent).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The same for an SVG element (the pictures). */
export function s(tag: string, props: Record<string, unknown> = {}, ...children: Child[]): SVGElement {
  return build(document.createElementNS(SVG_NS, tag) as SVGElement, props, children);
}

function build<E extends Element>(element: E, props: Record<string, unknown>, children: Child[]): E {
  for (const [name, value] of Object.entries(props)) {
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (name === 'value' || name === 'checked') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...flatten(children));
  return element;
}

function flatten(children: Child[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (child instanceof Node) out.push(child);
    else if (child !== null && child !== undefined && child !== false) out.push(String(child));
  }
  return out;
}

/** A link to an outside page only when it is http(s): a record's URL never runs script. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

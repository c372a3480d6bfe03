/**
 * Base styles of every widget, themed through CSS custom properties on the host (or any ancestor):
 * the defaults keep text at 4.5:1 contrast or more on the default background.
 */
export const BASE_STYLES = `
:host {
  --_accent: var(--ngo-hub-accent, #0b57a4);
  --_accent-text: var(--ngo-hub-accent-text, #ffffff);
  --_text: var(--ngo-hub-text, #1b1f24);
  --_muted: var(--ngo-hub-muted, #4b5563);
  --_background: var(--ngo-hub-background, #ffffff);
  --_surface: var(--ngo-hub-surface, #f3f5f8);
  --_border: var(--ngo-hub-border, #8a94a3);
  --_error: var(--ngo-hub-error, #a3141f);
  --_radius: var(--ngo-hub-radius, 6px);
  --_gap: var(--ngo-hub-gap, 0.75rem);
  display: block;
  font-family: var(--ngo-hub-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  font-size: var(--ngo-hub-font-size, 1rem);
  line-height: 1.45;
  color: var(--_text);
  background: var(--_background);
  container-type: inline-size;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[part~='container'] { display: flex; flex-direction: column; gap: var(--_gap); }
h2, h3 { margin: 0; line-height: 1.25; }
h2 { font-size: 1.25em; }
h3 { font-size: 1.05em; }
a { color: var(--_accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
  outline: 3px solid var(--ngo-hub-focus, var(--_accent));
  outline-offset: 2px;
}
form, [part~='controls'] { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
label { display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600; font-size: 0.9em; }
input, select {
  font: inherit; color: var(--_text); background: var(--_background);
  border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.45em 0.6em; min-width: 14em;
}
button {
  font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 0.45em 0.9em;
  border: 1px solid var(--_accent); background: var(--_accent); color: var(--_accent-text);
}
button[disabled] { cursor: not-allowed; opacity: 0.55; }
button.secondary { background: var(--_background); color: var(--_accent); }
ul[part~='list'] { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
[part~='item'] {
  padding: 0.75rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  display: flex; flex-direction: column; gap: 0.25rem;
}
[part~='meta'] { color: var(--_muted); font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; margin: 0; }
[part~='badge'] {
  display: inline-block; border: 1px solid var(--_border); border-radius: 999px; padding: 0 0.5em;
  font-size: 0.85em; color: var(--_text); background: var(--_background);
}
[part~='summary'], [part~='status'] { color: var(--_muted); margin: 0; }
[part~='error'] {
  color: var(--_error); border: 1px solid var(--_error); border-radius: var(--_radius); padding: 0.75rem;
  display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between;
}
[part~='details'] { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
[part~='details'] dt { font-weight: 600; }
[part~='details'] dd { margin: 0; }
[part~='pager'] { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
[part~='pager'][hidden] { display: none; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
`;

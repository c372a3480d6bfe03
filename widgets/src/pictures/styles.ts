/** Shared look of the pictures: every colour and size is a custom property a portal may set. */
export const PICTURE_STYLES = `
:host {
  display: block;
  container-type: inline-size;
  font-family: var(--ngo-hub-font, system-ui, sans-serif);
  font-size: var(--ngo-hub-font-size, 1rem);
  color: var(--ngo-hub-color, #1a1a1a);
  background: var(--ngo-hub-background, #ffffff);
  line-height: 1.4;
}
:host([hidden]) { display: none; }
figure { margin: 0; padding: var(--ngo-hub-padding, 0.75rem); border: 1px solid var(--ngo-hub-border, #c8c8c8); border-radius: var(--ngo-hub-radius, 6px); }
figcaption { font-weight: 600; font-size: 1.1em; margin-bottom: 0.5rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; margin-bottom: 0.5rem; }
.hint, .note { color: var(--ngo-hub-muted, #555555); font-size: 0.9em; margin: 0.25rem 0; }
button {
  font: inherit; font-size: 0.9em; cursor: pointer; padding: 0.3em 0.8em;
  color: var(--ngo-hub-button-color, #ffffff); background: var(--ngo-hub-accent, #1d4f91);
  border: 1px solid var(--ngo-hub-accent, #1d4f91); border-radius: var(--ngo-hub-radius, 6px);
}
button:hover { filter: brightness(1.1); }
:focus-visible { outline: 3px solid var(--ngo-hub-focus, #e07b00); outline-offset: 2px; }
[part~='status'] { padding: 1rem 0; color: var(--ngo-hub-muted, #555555); }
[part~='error'] { padding: 0.75rem; color: var(--ngo-hub-error, #a4000f); border: 1px solid currentColor; border-radius: var(--ngo-hub-radius, 6px); display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.info { min-height: 1.4em; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
svg text { fill: var(--ngo-hub-color, #1a1a1a); font-family: inherit; }
svg .cell { stroke: var(--ngo-hub-background, #ffffff); stroke-width: 1; }
svg .cell:focus { outline: none; stroke: var(--ngo-hub-focus, #e07b00); stroke-width: 3; }
svg .cell:hover { stroke: var(--ngo-hub-color, #1a1a1a); }
svg text.active { font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; align-items: center; margin: 0.5rem 0; padding: 0; list-style: none; font-size: 0.9em; }
.legend .swatch { display: inline-block; width: 1em; height: 1em; margin-right: 0.3em; vertical-align: -0.15em; border: 1px solid var(--ngo-hub-border, #c8c8c8); }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; padding: 0.3em 0.5em; border-bottom: 1px solid var(--ngo-hub-border, #c8c8c8); }
td.num, th.num { text-align: right; }
.chart + .chart { margin-top: 1.25rem; }
.chart-title { font-weight: 600; margin: 0.25rem 0; }
.bars { list-style: none; margin: 0; padding: 0; }
.row { display: grid; grid-template-columns: minmax(6em, 14em) 1fr minmax(6em, auto); gap: 0.5rem; align-items: center; padding: 0.15rem 0.25rem; border-radius: 3px; }
.row:hover, .row:focus { background: var(--ngo-hub-highlight, #eef3fa); }
.row .name { overflow-wrap: anywhere; }
.row .amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.row svg { display: block; width: 100%; height: 1.2em; }
.axis { position: relative; height: 1.2em; font-size: 0.8em; color: var(--ngo-hub-muted, #555555); }
.axis span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.axis span:first-child { transform: none; }
.axis-row { display: grid; grid-template-columns: minmax(6em, 14em) 1fr minmax(6em, auto); gap: 0.5rem; padding: 0 0.25rem; }
@container (max-width: 32rem) {
  .row, .axis-row { grid-template-columns: 1fr auto; }
  .row .name { grid-column: 1 / -1; }
  .axis-row > :first-child { display: none; }
}
`;

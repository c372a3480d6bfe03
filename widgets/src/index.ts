/**
 * The ngo-hub widgets, one ES module for portals: `<script type="module" src="…/widgets/ngo-hub.js">`
 * defines every element; the shared plumbing is exported for other bundles of the same page.
 */
export { NgoHubCalendar } from './elements/calendar.js';
export { NgoHubCalls } from './elements/calls.js';
export { NgoHubDirectory } from './elements/directory.js';
export { NgoHubOrganisation } from './elements/organisation.js';
import './pictures/index.js';

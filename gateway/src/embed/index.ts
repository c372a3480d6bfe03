import type { FastifyInstance } from 'fastify';
import { registerEmbedPage } from './page.js';
import { registerWidgets } from './widgets.js';

export { DEFAULT_WIDGETS_BUNDLE } from './widgets.js';

/** The portal-facing side: the widgets bundle and the /embed demo page. */
export function registerEmbed(app: FastifyInstance, options: { widgetsBundle?: string } = {}): void {
  registerWidgets(app, options.widgetsBundle);
  registerEmbedPage(app);
}

import type { FastifyInstance } from 'fastify';

/** Listens (port 0 = any free port) and returns the URL a browser on this machine can open. */
export async function listenOn(app: FastifyInstance, port: number, host: string): Promise<string> {
  await app.listen({ port, host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown}:${bound}/graphql`;
}

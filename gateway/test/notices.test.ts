import Fastify, { type FastifyInstance } from 'fastify';
import { registerNotices } from '../src/notices.js';

// The pages behind the links in notice mails, over a stand-in for the gateway's Apollo Server that
// answers as the notifications subgraph would (the whole path is covered by the hub's own tests).
const KNOWN = 'k'.repeat(43);
let app: FastifyInstance;
const calls: { query: string; token: unknown }[] = [];

beforeAll(async () => {
  app = Fastify();
  registerNotices(app, {
    executeOperation: (async (request: { query: string; variables: { t: string } }) => {
      calls.push({ query: request.query, token: request.variables.t });
      const field = request.query.includes('confirmNotices') ? 'confirmNotices' : 'unsubscribeNotices';
      const t = request.variables.t;
      const singleResult =
        t === 'boom'
          ? {
              errors: [
                { message: 'connect ECONNREFUSED 10.0.0.7:4006', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
              ],
            }
          : t.length === 43
            ? { data: { [field]: t === KNOWN } }
            : { errors: [{ message: 'token is not a token', extensions: { code: 'BAD_USER_INPUT', field: 'token' } }] };
      return { body: { kind: 'single', singleResult } };
    }) as never,
  });
  await app.ready();
});

afterAll(() => app.close());
beforeEach(() => void calls.splice(0));

describe('GET /notices/confirm', () => {
  it('confirms a known token with a Polish page, 404 for an unknown one, 400 for a malformed or missing one', async () => {
    const ok = await app.inject({ url: `/notices/confirm?token=${KNOWN}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect(ok.body).toContain('Subskrypcja potwierdzona');
    expect(calls).toEqual([{ query: expect.stringContaining('confirmNotices'), token: KNOWN }]);
    expect((await app.inject({ url: `/notices/confirm?token=${'x'.repeat(43)}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/notices/confirm?token=short' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/notices/confirm' })).statusCode).toBe(400);
  });

  it('shows no internal details when the hub fails', async () => {
    const failed = await app.inject({ url: '/notices/confirm?token=boom' });
    expect(failed.statusCode).toBe(503);
    expect(failed.body).not.toContain('ECONNREFUSED');
  });
});

describe('unsubscribing', () => {
  it('GET only shows a button that POSTs, so a link scanner unsubscribes nobody', async () => {
    const shown = await app.inject({ url: `/notices/unsubscribe?token=${KNOWN}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`<form method="post" action="/notices/unsubscribe?token=${KNOWN}">`);
    expect(calls).toEqual([]);
  });

  it('POST with the RFC 8058 one-click body unsubscribes: 200, then 404 for an unknown token', async () => {
    const oneClick = (token: string, type = 'application/x-www-form-urlencoded', body = 'List-Unsubscribe=One-Click') =>
      app.inject({
        method: 'POST',
        url: `/notices/unsubscribe?token=${token}`,
        headers: { 'content-type': type },
        payload: body,
      });
    const done = await oneClick(KNOWN);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Wypisano');
    expect(calls).toEqual([{ query: expect.stringContaining('unsubscribeNotices'), token: KNOWN }]);
    const multipart = await oneClick(
      KNOWN,
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    );
    expect(multipart.statusCode).toBe(200);
    expect((await oneClick('y'.repeat(43))).statusCode).toBe(404);
  });
});

// The pictures' browser test: the widgets' test hub with a small network written through the API,
// and a page on another origin serving an esbuild bundle of the pictures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { postGraphQL, TEST_ADMIN_TOKEN } from '@ngo-hub/kit/testing';
import { startTestHub, type TestHub } from '../support/hub.js';

export async function startHub(name: string): Promise<TestHub> {
  const hub = await startTestHub(name);
  await addNetwork(hub.graphql, hub.settle);
  return hub;
}

/**
 * Until the demo data ties territories together, a small network in Mazowieckie: organisations in
 * five powiats, partnerships and grants (PLN and EUR) between them, written through the API as an admin.
 */
async function addNetwork(url: string, settle: () => Promise<void>): Promise<void> {
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await postGraphQL(url, query, variables, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const seats = ['1433011', '1465058', '1465068', '1408011', '1418044', '1434011'];
  const ids: string[] = [];
  for (const [i, territory] of seats.entries()) {
    const data = await ask('mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }', {
      input: { name: `Stowarzyszenie Obraz ${i}`, sector: 'NGO', legalForm: 'STOWARZYSZENIE', territory },
    });
    ids.push(data.createOrganisation.id);
  }
  for (const [p, members] of [
    [0, 1, 3],
    [1, 4],
    [2, 5, 0],
    [3, 1],
  ].entries()) {
    const created = await ask('mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id } }', {
      input: { name: `Partnerstwo Obraz ${p}`, territory: '14' },
    });
    for (const [i, m] of members.entries()) {
      await ask('mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }', {
        input: {
          partnershipId: created.createPartnership.id,
          organisationId: ids[m],
          role: i === 0 ? 'LEAD_PARTNER' : 'MEMBER',
        },
      });
    }
  }
  const funders: { id: string }[] = (await ask('{ funders { id } }')).funders;
  const grants: [number, number[], string, string, number][] = [
    [0, [1], '12000.50', 'PLN', 0],
    [1, [4], '30000.00', 'PLN', 1],
    [2, [], '8000.00', 'PLN', 0],
    [3, [0], '5000.00', 'EUR', 1],
  ];
  for (const [g, [recipient, partners, amount, currency, funder]] of grants.entries()) {
    await ask('mutation($input: CreateGrantInput!) { createGrant(input: $input) { id } }', {
      input: {
        title: `Grant Obraz ${g}`,
        recipientId: ids[recipient],
        partnerIds: partners.map((p) => ids[p]),
        funderId: funders[funder % funders.length].id,
        formOfSupport: 'GRANT',
        startsOn: `202${g}-03-01`,
        amountAwarded: { amount, currency },
        fundingSources: [],
      },
    });
  }
  // Memberships and grant participants reach the organisations subgraph's cooperation pairs as events.
  await settle();
}

/** Serves `body` at / and the pictures bundle at /pictures.js (another origin than the gateway). */
export async function startPage(body: string): Promise<{ url: string; server: Server }> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../src/pictures/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  const script = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/pictures.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(script);
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Portal</title></head><body><main><h1>Portal</h1>${body}</main><script type="module" src="/pictures.js"></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

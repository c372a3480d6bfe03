import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { subgraphEnvSchema } from '@ngo-hub/kit';
import { notificationEnvSchema } from '@ngo-hub/notifications';
import { organisationsSubgraph } from '@ngo-hub/organisations';
import { partnershipsSubgraph } from '@ngo-hub/partnerships';
import { eventsSubgraph } from '@ngo-hub/events';
import { fundingSubgraph } from '@ngo-hub/funding';
import { accessSubgraph } from '@ngo-hub/access';
import { notificationsSubgraph } from '@ngo-hub/notifications';
import { GATEWAY_DEFAULT_PORT, SUBGRAPH_DEFAULT_PORTS, SUBGRAPHS, subgraphUrlVariable } from '@ngo-hub/kit/roster';
import { gatewayEnvSchema } from '../src/env.js';
import { subgraphsUnheard } from './support/wiring.js';

// No Docker engine runs here, so the compose file is checked against the code's own configuration:
// the roster (kit's roster.ts) for services and ports, the env schemas for variables.
const root = fileURLToPath(new URL('../../', import.meta.url));
const compose = parse(readFileSync(`${root}docker/compose.yaml`, 'utf8'), { merge: true });
const definitions = {
  organisations: organisationsSubgraph,
  partnerships: partnershipsSubgraph,
  events: eventsSubgraph,
  funding: fundingSubgraph,
  access: accessSubgraph,
  notifications: notificationsSubgraph,
};
const subgraphVars = Object.keys(subgraphEnvSchema(0).shape);
/** Variables a subgraph reads beyond every subgraph's own. */
const ownVars: Partial<Record<(typeof SUBGRAPHS)[number], string[]>> = {
  notifications: Object.keys(notificationEnvSchema.shape),
};
const gatewayVars = Object.keys(gatewayEnvSchema.shape);

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL, the subgraphs and the gateway, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SUBGRAPHS, 'gateway', 'postgres'].sort());
    for (const service of Object.values<any>(compose.services)) expect(service.healthcheck?.test).toBeDefined();
  });

  it.each(SUBGRAPHS)('starts %s on its default port, on PostgreSQL, with variables the subgraph reads', (name) => {
    const service = compose.services[name];
    const port = SUBGRAPH_DEFAULT_PORTS[name];
    expect(definitions[name].defaultPort).toBe(port);
    expect(Number(service.environment.PORT)).toBe(port);
    expect(service.ports).toEqual([`${port}:${port}`]);
    expect(service.environment.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
    for (const variable of Object.keys(service.environment))
      expect([...subgraphVars, ...(ownVars[name] ?? [])]).toContain(variable);
    expect(service.command).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
    expect(existsSync(`${root}subgraphs/${name}/src/main.ts`)).toBe(true);
    expect(service.depends_on.postgres.condition).toBe('service_healthy');
    const others = SUBGRAPHS.filter((other) => other !== name).map(
      (other) => `http://${other}:${SUBGRAPH_DEFAULT_PORTS[other]}`,
    );
    // The gateway too when its cache is shared (REDIS_URL) and changes are pushed, not published to NATS.
    const gateway = compose.services.gateway.environment;
    const pushedToGateway = gateway.REDIS_URL && !service.environment.NATS_URL;
    expect(service.environment.EVENT_SUBSCRIBERS.split(',')).toEqual(
      pushedToGateway ? [...others, `http://gateway:${GATEWAY_DEFAULT_PORT}`] : others,
    );
    expect(service.environment.INTERNAL_TOKEN).toBeDefined();
    // A subgraph listens on loopback unless told otherwise; in a container it must face the network.
    expect(subgraphEnvSchema(0).parse({}).HOST).toBe('127.0.0.1');
    expect(service.environment.HOST).toBe('0.0.0.0');
  });

  it('points the gateway at each subgraph service and waits for them to be healthy', () => {
    const gateway = compose.services.gateway;
    for (const variable of Object.keys(gateway.environment)) expect(gatewayVars).toContain(variable);
    for (const name of SUBGRAPHS) {
      const url = gateway.environment[subgraphUrlVariable(name)];
      expect(url).toBe(`http://${name}:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`);
      expect(gateway.depends_on[name].condition).toBe('service_healthy');
    }
    expect(gateway.command).toEqual(['node', 'gateway/dist/main.js']);
    expect(Number(gateway.environment.PORT)).toBe(GATEWAY_DEFAULT_PORT);
    expect(gateway.ports).toEqual([`${GATEWAY_DEFAULT_PORT}:${GATEWAY_DEFAULT_PORT}`]);
    // The gateway holds the same internal token, or the subgraphs refuse its `_entities` fetches.
    expect(gateway.environment.INTERNAL_TOKEN).toBe(compose.services.organisations.environment.INTERNAL_TOKEN);
  });

  it('a gateway with REDIS_URL hears every subgraph change (NATS_URL or EVENT_SUBSCRIBERS)', () => {
    const subgraphs = Object.fromEntries(SUBGRAPHS.map((name) => [name, compose.services[name].environment]));
    const gateway = compose.services.gateway.environment;
    expect(subgraphsUnheard(gateway, subgraphs, `http://gateway:${GATEWAY_DEFAULT_PORT}`)).toEqual([]);
  });

  it('builds the image the services run from a multi-stage Dockerfile', () => {
    const dockerfile = readFileSync(`${root}docker/Dockerfile`, 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(compose.services.organisations.build.dockerfile).toBe('docker/Dockerfile');
    const exposed = /^EXPOSE (.+)$/m.exec(dockerfile)?.[1]?.split(/\s+/).map(Number);
    expect(exposed).toEqual([GATEWAY_DEFAULT_PORT, ...SUBGRAPHS.map((name) => SUBGRAPH_DEFAULT_PORTS[name])]);
  });
});

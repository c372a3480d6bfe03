import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';
import { subgraphEnvSchema } from '@ngo-hub/kit';
import { notificationEnvSchema } from '@ngo-hub/notifications';
import { GATEWAY_DEFAULT_PORT, SUBGRAPH_DEFAULT_PORTS, SUBGRAPHS, subgraphUrlVariable } from '@ngo-hub/kit/roster';
import { gatewayEnvSchema } from '../src/env.js';
import { subgraphsUnheard } from './support/wiring.js';

// No cluster runs here, so deploy/kubernetes is checked as compose.test.ts checks docker/compose.yaml:
// against the roster (kit's roster.ts) for services and ports and the env schemas for variables. The
// kustomizations are assembled by the small builder below (resources, components, generators); where
// kubectl is installed its own `kustomize` must produce the same objects.
const root = fileURLToPath(new URL('../../', import.meta.url));
const deploy = `${root}deploy/kubernetes/`;

type Env = Record<string, string>;
interface Built {
  objects: any[];
  configMaps: Map<string, Env>;
  secrets: Map<string, Env>;
}

/** KEY=VALUE lines of a generator's env file (comments and blank lines skipped). */
function readEnvFile(path: string): Env {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries);
}

function generate(into: Map<string, Env>, dir: string, generators: any[] = []): void {
  for (const generator of generators) {
    const data: Env = {};
    for (const file of generator.envs ?? []) {
      // Secrets are never committed: their *.env.example stands in for them.
      const path = existsSync(join(dir, file)) ? join(dir, file) : join(dir, `${file}.example`);
      Object.assign(data, readEnvFile(path));
    }
    for (const literal of generator.literals ?? [])
      data[literal.slice(0, literal.indexOf('='))] = literal.slice(literal.indexOf('=') + 1);
    if (generator.behavior === 'merge') {
      if (!into.has(generator.name)) throw new Error(`${dir}: merges into ${generator.name}, which nothing generates`);
      Object.assign(into.get(generator.name)!, data);
    } else {
      if (into.has(generator.name)) throw new Error(`${dir}: generates ${generator.name} twice`);
      into.set(generator.name, data);
    }
  }
}

/** A kustomization's objects and generated data (names without kustomize's hash suffixes). */
function build(dir: string, into: Built = { objects: [], configMaps: new Map(), secrets: new Map() }): Built {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) build(path, into);
    else into.objects.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => doc.toJS()));
  }
  generate(into.configMaps, dir, kustomization.configMapGenerator);
  generate(into.secrets, dir, kustomization.secretGenerator);
  for (const component of kustomization.components ?? []) build(join(dir, component), into);
  return into;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFiles(join(dir, entry.name))
      : entry.name.endsWith('.yaml')
        ? [join(dir, entry.name)]
        : [],
  );
}

const base = build(`${deploy}base`);
const example = build(`${deploy}overlays/example`);
const find = (built: Built, kind: string, name: string) =>
  built.objects.find((o) => o.kind === kind && o.metadata.name === name);
const container = (built: Built, name: string) => find(built, 'Deployment', name)?.spec.template.spec.containers[0];

const subgraphVars = Object.keys(subgraphEnvSchema(0).shape);
const gatewayVars = Object.keys(gatewayEnvSchema.shape);
const readBy = (name: string): string[] =>
  name === 'gateway'
    ? gatewayVars
    : [...subgraphVars, ...(name === 'notifications' ? Object.keys(notificationEnvSchema.shape) : [])];

/** Every variable a container is given: its own `env` and the keys of the ConfigMaps it loads whole. */
function variables(built: Built, c: any): string[] {
  const fromMaps = (c.envFrom ?? []).flatMap((from: any) => {
    const data = built.configMaps.get(from.configMapRef?.name);
    if (!data) throw new Error(`${c.name}: no ConfigMap ${from.configMapRef?.name}`);
    return Object.keys(data);
  });
  return [...fromMaps, ...(c.env ?? []).map((e: any) => e.name)];
}
const envValue = (c: any, name: string) => c.env?.find((e: any) => e.name === name);

/** The literal values a container gets: the ConfigMaps it loads whole, then its own `env` (Secrets left out). */
function literalEnv(built: Built, c: any): Env {
  const env: Env = {};
  for (const from of c.envFrom ?? []) Object.assign(env, built.configMaps.get(from.configMapRef?.name));
  for (const e of c.env ?? []) if (typeof e.value === 'string') env[e.name] = e.value;
  return env;
}

function mebibytes(quantity: string): number {
  const [, value, unit] = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(quantity)!;
  return Number(value) * (unit === 'Gi' ? 1024 : 1);
}

/** Non-root, no privilege escalation, read-only root file system with a writable /tmp. */
function expectLockedDown(pod: any, c: any): void {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(c.securityContext).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
}

describe('deploy/kubernetes', () => {
  it('is valid YAML throughout, every object with a kind and a name', () => {
    const files = yamlFiles(deploy);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        expect(doc.errors).toEqual([]);
        const object = doc.toJS();
        expect(object.apiVersion).toBeDefined();
        expect(object.kind).toBeDefined();
        if (!file.endsWith('kustomization.yaml')) expect(object.metadata.name).toBeDefined();
      }
    }
  });

  it('runs the gateway and each subgraph of the roster as a Deployment and a Service on its roster port', () => {
    const deployments = base.objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(deployments.sort()).toEqual([...SUBGRAPHS, 'gateway'].sort());
    const ports: Record<string, number> = { ...SUBGRAPH_DEFAULT_PORTS, gateway: GATEWAY_DEFAULT_PORT };
    for (const [name, port] of Object.entries(ports)) {
      const deployment = find(base, 'Deployment', name);
      const c = container(base, name);
      expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
      const service = find(base, 'Service', name);
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
      expect(c.image).toBe('ngo-hub');
    }
  });

  it.each(SUBGRAPHS)('starts %s as compose does, with variables the subgraph reads', (name) => {
    const c = container(base, name);
    const port = SUBGRAPH_DEFAULT_PORTS[name];
    expect(c.command[0]).toBe('node');
    expect(c.command.at(-1)).toBe(`subgraphs/${name}/dist/main.js`);
    expect(existsSync(`${root}subgraphs/${name}/src/main.ts`)).toBe(true);
    for (const variable of variables(base, c)) expect(readBy(name)).toContain(variable);
    expect(envValue(c, 'PORT').value).toBe(String(port));
    expect(base.configMaps.get('subgraph-config')!.HOST).toBe('0.0.0.0');
    const others = SUBGRAPHS.filter((o) => o !== name).map((o) => `http://${o}:${SUBGRAPH_DEFAULT_PORTS[o]}`);
    expect(envValue(c, 'EVENT_SUBSCRIBERS').value.split(',')).toEqual(others);
    // Each subgraph its own database URL (one server or several), the internal token shared.
    expect(envValue(c, 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({
      name: 'databases',
      key: `${name.toUpperCase()}_DATABASE_URL`,
    });
    expect(envValue(c, 'INTERNAL_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'hub-tokens', key: 'INTERNAL_TOKEN' });
  });

  it.each([...SUBGRAPHS, 'gateway'])('%s has health probes, resources and a locked-down container', (name) => {
    const pod = find(base, 'Deployment', name).spec.template.spec;
    const c = pod.containers[0];
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(c.livenessProbe.httpGet ?? c.livenessProbe.tcpSocket).toMatchObject({ port: 'http' });
    if (name !== 'gateway') expect(c.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(c.resources.requests.cpu).toBeDefined();
    const request = mebibytes(c.resources.requests.memory);
    // docs/operations.md: about 75 MB per subgraph idle, about 150 MB for the gateway.
    expect(request).toBeGreaterThanOrEqual(name === 'gateway' ? 150 : 75);
    expect(mebibytes(c.resources.limits.memory)).toBeGreaterThan(request);
    expectLockedDown(pod, c);
    const tmp = c.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v: any) => v.name === tmp.name).emptyDir).toBeDefined();
  });

  it('runs the image as its non-root user', () => {
    // runAsUser 1000 is the node image's `node` user, the Dockerfile's USER.
    expect(readFileSync(`${root}docker/Dockerfile`, 'utf8')).toMatch(/^USER node$/m);
    for (const name of [...SUBGRAPHS, 'gateway'])
      expect(find(base, 'Deployment', name).spec.template.spec.securityContext.runAsUser).toBe(1000);
  });

  it('points the gateway at each subgraph Service, autoscales it and keeps one up through disruptions', () => {
    const c = container(base, 'gateway');
    expect(c.command).toEqual(['node', 'gateway/dist/main.js']);
    for (const variable of variables(base, c)) expect(readBy('gateway')).toContain(variable);
    const config = base.configMaps.get('gateway-config')!;
    expect(Number(config.PORT)).toBe(GATEWAY_DEFAULT_PORT);
    for (const name of SUBGRAPHS)
      expect(config[subgraphUrlVariable(name)]).toBe(`http://${name}:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`);
    expect(envValue(c, 'INTERNAL_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'hub-tokens', key: 'INTERNAL_TOKEN' });
    expect(envValue(c, 'ADMIN_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'hub-tokens', key: 'ADMIN_TOKEN' });

    const deployment = find(base, 'Deployment', 'gateway');
    // The autoscaler owns the replica count; a fixed one would be reset at every apply.
    expect(deployment.spec.replicas).toBeUndefined();
    const hpa = find(base, 'HorizontalPodAutoscaler', 'gateway');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics[0].resource).toMatchObject({ name: 'cpu', target: { type: 'Utilization' } });
    const pdb = find(base, 'PodDisruptionBudget', 'gateway');
    expect(deployment.spec.template.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it('migrates every subgraph in a Job (MIGRATE_ONLY, which the subgraphs read) on a direct connection', () => {
    expect(subgraphVars).toContain('MIGRATE_ONLY');
    const job = find(base, 'Job', 'migrate');
    const pod = job.spec.template.spec;
    expect(['OnFailure', 'Never']).toContain(pod.restartPolicy);
    expect(pod.containers.map((c: any) => c.name)).toEqual([...SUBGRAPHS]);
    for (const c of pod.containers) {
      const name = c.name as (typeof SUBGRAPHS)[number];
      expect(c.command).toEqual(container(base, name).command);
      expect(c.image).toBe('ngo-hub');
      expect(envValue(c, 'MIGRATE_ONLY').value).toBe('true');
      expect(envValue(c, 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({
        name: 'databases',
        key: `${name.toUpperCase()}_MIGRATION_DATABASE_URL`,
      });
      for (const variable of variables(base, c)) expect(readBy(name)).toContain(variable);
      expectLockedDown(pod, c);
    }
  });

  it('the example overlay provides every Secret and ConfigMap the workloads name, and routes the Ingress to the gateway', () => {
    const workloads = example.objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
    for (const workload of workloads) {
      for (const c of workload.spec.template.spec.containers) {
        for (const from of c.envFrom ?? []) expect(example.configMaps.has(from.configMapRef.name)).toBe(true);
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (!ref) continue;
          if (ref.optional) continue;
          expect(Object.keys(example.secrets.get(ref.name) ?? {})).toContain(ref.key);
        }
      }
    }
    const ingress = example.objects.find((o) => o.kind === 'Ingress');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
    // Secrets are filled in by the operator, never committed.
    expect(readFileSync(`${deploy}overlays/example/.gitignore`, 'utf8')).toMatch(/^secrets\/\*\.env$/m);
  });

  it('the dependencies component runs Redis and NATS and points the hub at their Services', () => {
    for (const name of ['redis', 'nats']) expect(find(example, 'StatefulSet', name)).toBeDefined();
    const url = (value: string) => new URL(value);
    const redis = url(example.configMaps.get('gateway-config')!.REDIS_URL!);
    const nats = url(example.configMaps.get('subgraph-config')!.NATS_URL!);
    expect(find(example, 'Service', redis.hostname).spec.ports[0].port).toBe(Number(redis.port));
    expect(find(example, 'Service', nats.hostname).spec.ports[0].port).toBe(Number(nats.port));
    // The subgraphs publish to NATS, so the gateway reads its cache's invalidations there too.
    expect(example.configMaps.get('gateway-config')!.NATS_URL).toBe(
      example.configMaps.get('subgraph-config')!.NATS_URL,
    );
    // The base runs without them: the in-process cache and HTTP push are the defaults.
    expect(base.configMaps.get('gateway-config')!.REDIS_URL).toBeUndefined();
    expect(base.objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
  });

  it.each([
    ['base', base],
    ['overlays/example', example],
  ] as const)(
    '%s: a gateway with REDIS_URL hears every subgraph change (NATS_URL or EVENT_SUBSCRIBERS)',
    (_, built) => {
      const gateway = literalEnv(built, container(built, 'gateway'));
      const subgraphs = Object.fromEntries(SUBGRAPHS.map((name) => [name, literalEnv(built, container(built, name))]));
      expect(subgraphsUnheard(gateway, subgraphs, `http://gateway:${GATEWAY_DEFAULT_PORT}`)).toEqual([]);
    },
  );

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? it : it.skip)('kubectl kustomize builds the same objects (where kubectl is installed)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'ngo-hub-kustomize-'));
    try {
      cpSync(deploy, copy, { recursive: true });
      const secrets = join(copy, 'overlays/example/secrets');
      for (const file of readdirSync(secrets).filter((f) => f.endsWith('.env.example')))
        writeFileSync(join(secrets, file.replace(/\.example$/, '')), readFileSync(join(secrets, file)));
      for (const [dir, built] of [
        ['base', base],
        ['overlays/example', example],
      ] as const) {
        const output = execFileSync('kubectl', ['kustomize', join(copy, dir)], { encoding: 'utf8' });
        const objects = parseAllDocuments(output).map((doc) => doc.toJS());
        const names = (list: any[]) =>
          list.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort();
        const generated = [
          ...[...built.configMaps.keys()].map((n) => ({ kind: 'ConfigMap', metadata: { name: n } })),
          ...[...built.secrets.keys()].map((n) => ({ kind: 'Secret', metadata: { name: n } })),
        ];
        expect(names(objects)).toEqual(names([...built.objects, ...generated]));
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

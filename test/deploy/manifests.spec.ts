import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import * as appsV1 from 'kubernetes-models/apps/v1';
import type { IDeployment, IStatefulSet } from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';
import type { IConfigMap, IContainer, IPodTemplateSpec, ISecret, IService } from 'kubernetes-models/v1';

// Static checks of deploy/k8s and docker-compose.yml: no cluster, no Docker engine needed.
// kubernetes-models validates types, formats and required fields against the Kubernetes 1.27
// OpenAPI schemas; it does not reject unknown fields, so the checks below name the fields that matter.

const ROOT = path.resolve(__dirname, '../..');
const K8S_DIR = path.join(ROOT, 'deploy', 'k8s');
const NAMESPACE = 'daiban';

interface ModelClass {
  new (data: object): { validate(): void };
  readonly apiVersion: string;
  readonly kind: string;
}

/** apiVersion/kind -> model class, for every top-level kind of the API groups a deployment uses. */
const MODELS = new Map<string, ModelClass>();
for (const group of [coreV1, appsV1, batchV1, autoscalingV2, policyV1, networkingV1, rbacV1]) {
  for (const value of Object.values(group) as unknown[]) {
    if (typeof value !== 'function') continue;
    const model = value as Partial<ModelClass>;
    if (typeof model.apiVersion === 'string' && typeof model.kind === 'string') {
      MODELS.set(`${model.apiVersion}/${model.kind}`, model as ModelClass);
    }
  }
}

interface Manifest {
  file: string;
  index: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doc: any;
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

function loadManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of yamlFiles(K8S_DIR)) {
    const rel = path.relative(ROOT, file);
    parseAllDocuments(fs.readFileSync(file, 'utf8')).forEach((document, index) => {
      if (document.errors.length) throw new Error(`${rel} document ${index}: ${document.errors[0].message}`);
      const doc = document.toJS();
      if (doc !== null && doc !== undefined) manifests.push({ file: rel, index, doc });
    });
  }
  return manifests;
}

/** Every process in apps/ (a src/main.ts, or an application in nest-cli.json); the browser app is served by the gateway. */
function discoverApps(): string[] {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true })) {
    if (entry.isDirectory() && fs.existsSync(path.join(ROOT, 'apps', entry.name, 'src', 'main.ts')))
      found.add(entry.name);
  }
  const nestCli = JSON.parse(fs.readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8')) as {
    projects?: Record<string, { type?: string; root?: string }>;
  };
  for (const [name, project] of Object.entries(nestCli.projects ?? {})) {
    if (project.type === 'application' && project.root?.startsWith('apps/')) found.add(name);
  }
  found.delete('web');
  return [...found].sort();
}

const manifests = loadManifests();
const apps = discoverApps();

const ofKind = <T>(kind: string): T[] => manifests.filter((m) => m.doc.kind === kind).map((m) => m.doc as T);
const byName = <T extends { metadata?: { name?: string } }>(kind: string, name: string): T | undefined =>
  ofKind<T>(kind).find((d) => d.metadata?.name === name);

type Workload = { kind: string; name: string; template: IPodTemplateSpec };
const workloads: Workload[] = manifests
  .filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.doc.kind))
  .map((m) => ({ kind: m.doc.kind, name: m.doc.metadata.name, template: m.doc.spec.template }));

const containersOf = (template: IPodTemplateSpec): IContainer[] => [
  ...(template.spec?.initContainers ?? []),
  ...(template.spec?.containers ?? []),
];

const matchesLabels = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** CPU in millicores, memory in bytes; enough of the quantity grammar for these files. */
function quantity(value: string | number): number {
  const text = String(value);
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text);
  if (!m) throw new Error(`unparsable quantity ${text}`);
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  const factor: Record<string, number> = {
    '': 1,
    m: 0.001,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return n * factor[unit];
}

function envValue(container: IContainer, name: string): string | undefined {
  return container.env?.find((e) => e.name === name)?.value;
}

function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

describe('deploy/k8s manifests', () => {
  it('exist', () => {
    expect(manifests.length).toBeGreaterThan(0);
  });

  it.each(manifests.map((m) => [`${m.file}#${m.index} ${m.doc.kind}/${m.doc.metadata?.name}`, m] as const))(
    '%s is a valid Kubernetes object',
    (_title, m) => {
      const Model = MODELS.get(`${m.doc.apiVersion}/${m.doc.kind}`);
      if (!Model) throw new Error(`${m.file}: unknown kind ${m.doc.apiVersion}/${m.doc.kind}`);
      expect(() => new Model(m.doc).validate()).not.toThrow();
    },
  );

  it('puts everything in the daiban namespace, with unique names', () => {
    expect(byName('Namespace', NAMESPACE)).toBeDefined();
    const seen = new Set<string>();
    for (const { file, doc } of manifests) {
      if (doc.kind !== 'Namespace')
        expect({ file, namespace: doc.metadata?.namespace }).toEqual({ file, namespace: NAMESPACE });
      const key = `${doc.kind}/${doc.metadata?.name}`;
      expect(seen.has(key) ? key : undefined).toBeUndefined();
      seen.add(key);
    }
  });

  it.each(workloads.map((w) => [`${w.kind}/${w.name}`, w] as const))(
    '%s meets the restricted Pod Security Standard',
    (_title, { template }) => {
      const pod = template.spec!;
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.hostPID ?? false).toBe(false);
      expect(pod.hostIPC ?? false).toBe(false);
      for (const volume of pod.volumes ?? []) expect(volume.hostPath).toBeUndefined();
      for (const c of containersOf(template)) {
        const sc = c.securityContext ?? {};
        expect({
          container: c.name,
          runAsNonRoot: sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot,
        }).toEqual({
          container: c.name,
          runAsNonRoot: true,
        });
        expect(sc.runAsUser ?? pod.securityContext?.runAsUser).not.toBe(0);
        expect(sc.allowPrivilegeEscalation).toBe(false);
        expect(sc.privileged ?? false).toBe(false);
        expect(sc.capabilities?.drop).toContain('ALL');
        expect(sc.capabilities?.add ?? []).toEqual([]);
        expect(sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
        const image = c.image!.split('/').at(-1)!;
        expect(image).toMatch(/^[^:@]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/); // pinned by tag or digest
        expect(image).not.toMatch(/:latest$/);
        expect(c.resources?.limits?.cpu).toBeDefined();
        expect(c.resources?.limits?.memory).toBeDefined();
      }
    },
  );

  it('references only Secrets, ConfigMaps and keys that the manifests define', () => {
    const secrets = ofKind<ISecret>('Secret');
    const configMaps = ofKind<IConfigMap>('ConfigMap');
    const secretKeys = (name: string) => {
      const s = secrets.find((x) => x.metadata?.name === name);
      return s ? Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) }) : undefined;
    };
    const configKeys = (name: string) => {
      const c = configMaps.find((x) => x.metadata?.name === name);
      return c ? Object.keys({ ...(c.data ?? {}), ...(c.binaryData ?? {}) }) : undefined;
    };
    for (const { kind, name, template } of workloads) {
      const where = `${kind}/${name}`;
      for (const c of containersOf(template)) {
        for (const env of c.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref)
            expect({ where, ref, keys: secretKeys(ref.name!)?.includes(ref.key) }).toEqual({
              where,
              ref,
              keys: true,
            });
          const cref = env.valueFrom?.configMapKeyRef;
          if (cref)
            expect({ where, cref, keys: configKeys(cref.name!)?.includes(cref.key) }).toEqual({
              where,
              cref,
              keys: true,
            });
        }
      }
      for (const volume of template.spec?.volumes ?? []) {
        if (volume.secret)
          expect({
            where,
            secret: volume.secret.secretName,
            ok: !!secretKeys(volume.secret.secretName!),
          }).toMatchObject({ ok: true });
        if (volume.configMap)
          expect({
            where,
            configMap: volume.configMap.name,
            ok: !!configKeys(volume.configMap.name!),
          }).toMatchObject({ ok: true });
      }
    }
  });

  it('routes every Service to a workload port, and every StatefulSet to its governing Service', () => {
    for (const service of ofKind<IService>('Service')) {
      const targets = workloads.filter((w) =>
        matchesLabels(service.spec?.selector, w.template.metadata?.labels),
      );
      expect({ service: service.metadata?.name, targets: targets.length > 0 }).toEqual({
        service: service.metadata?.name,
        targets: true,
      });
      for (const port of service.spec?.ports ?? []) {
        const resolved = targets.some((w) =>
          containersOf(w.template).some((c) => containerPort(c, port.targetPort ?? port.port) !== undefined),
        );
        expect({ service: service.metadata?.name, port: port.name, resolved }).toMatchObject({
          resolved: true,
        });
      }
    }
    for (const sts of ofKind<IStatefulSet>('StatefulSet')) {
      const governing = byName<IService>('Service', sts.spec!.serviceName!);
      expect(governing?.spec?.clusterIP).toBe('None');
      expect(sts.spec?.volumeClaimTemplates?.length).toBeGreaterThan(0);
    }
    for (const pdb of ofKind<IPodDisruptionBudget>('PodDisruptionBudget')) {
      expect(
        workloads.some((w) => matchesLabels(pdb.spec?.selector?.matchLabels, w.template.metadata?.labels)),
      ).toBe(true);
    }
  });

  describe.each(apps)('app %s', (app) => {
    const deployments = ofKind<IDeployment>('Deployment').filter((d) =>
      d.spec?.template.spec?.containers.some(
        (c) => (c.command ?? []).concat(c.args ?? []).join(' ') === `node dist/apps/${app}/src/main.js`,
      ),
    );
    const deployment = deployments[0];
    const container = deployment?.spec?.template.spec?.containers.find((c) =>
      (c.command ?? []).join(' ').includes(`dist/apps/${app}/`),
    );

    it('has exactly one Deployment running it', () => {
      expect(deployments.map((d) => d.metadata?.name)).toEqual([`daiban-${app}`]);
      expect(container).toBeDefined();
    });

    it('probes /health/live and /health/ready on its HTTP port', () => {
      const port = Number(envValue(container!, 'PORT'));
      expect(container!.ports?.map((p) => p.containerPort)).toContain(port);
      expect(container!.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container!.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(containerPort(container!, container!.livenessProbe?.httpGet?.port)).toBe(port);
      expect(containerPort(container!, container!.readinessProbe?.httpGet?.port)).toBe(port);
      expect(envValue(container!, 'HOST')).toBe('0.0.0.0');
    });

    it('has resource requests no larger than its limits', () => {
      const { requests, limits } = container!.resources ?? {};
      for (const resource of ['cpu', 'memory']) {
        expect(requests?.[resource]).toBeDefined();
        expect(limits?.[resource]).toBeDefined();
        expect(quantity(requests![resource])).toBeLessThanOrEqual(quantity(limits![resource]));
      }
    });

    it('runs as non-root with its own connection strings from the Secret', () => {
      const pod = deployment!.spec!.template.spec!;
      expect(container!.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot).toBe(true);
      for (const name of ['DATABASE_URL', 'NATS_URL']) {
        const ref = container!.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
        expect(ref?.key).toBe(`${app.toUpperCase()}_${name}`);
      }
    });

    it('gets its own REDIS_URL when its module asks for Redis', () => {
      const moduleFile = path.join(ROOT, 'apps', app, 'src', `${app}.module.ts`);
      const usesRedis =
        fs.existsSync(moduleFile) && /\bredis:\s*true\b/.test(fs.readFileSync(moduleFile, 'utf8'));
      const ref = container!.env?.find((e) => e.name === 'REDIS_URL')?.valueFrom?.secretKeyRef;
      expect(ref?.key).toBe(usesRedis ? `${app.toUpperCase()}_REDIS_URL` : undefined);
    });

    it('is scaled by a HorizontalPodAutoscaler on CPU', () => {
      const hpas = ofKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler').filter(
        (h) =>
          h.spec?.scaleTargetRef.kind === 'Deployment' &&
          h.spec.scaleTargetRef.name === deployment!.metadata!.name,
      );
      expect(hpas).toHaveLength(1);
      const hpa = hpas[0];
      const spec = hpa.spec!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas!);
      expect(spec.metrics?.some((m) => m.resource?.name === 'cpu')).toBe(true);
    });

    it('has a Service on its port', () => {
      const port = Number(envValue(container!, 'PORT'));
      const services = ofKind<IService>('Service').filter((s) =>
        matchesLabels(s.spec?.selector, deployment!.spec!.template.metadata?.labels),
      );
      expect(
        services
          .flatMap((s) => s.spec?.ports ?? [])
          .map((p) => containerPort(container!, p.targetPort ?? p.port)),
      ).toContain(port);
    });
  });

  it('finds the five services of the architecture among the apps', () => {
    expect(apps).toEqual(
      expect.arrayContaining(['gateway', 'registry', 'workflow', 'notifications', 'reporting']),
    );
  });

  it('runs NATS as a 3-node JetStream cluster with persistent storage', () => {
    const nats = ofKind<IStatefulSet>('StatefulSet').find((s) =>
      s.spec?.template.spec?.containers.some((c) => c.image?.startsWith('nats:')),
    );
    expect(nats?.spec?.replicas).toBe(3);
    expect(nats?.spec?.volumeClaimTemplates?.length).toBeGreaterThan(0);
    const config = ofKind<IConfigMap>('ConfigMap')
      .filter((c) => nats!.spec!.template.spec!.volumes!.some((v) => v.configMap?.name === c.metadata?.name))
      .flatMap((c) => Object.values(c.data ?? {}))
      .join('\n');
    expect(config).toMatch(/jetstream\s*\{[^}]*store_dir/);
    expect(config).toMatch(/cluster\s*\{[^}]*name:/);
    for (let i = 0; i < 3; i++) {
      expect(config).toContain(
        `nats://${nats!.metadata!.name}-${i}.${nats!.spec!.serviceName}.${NAMESPACE}.svc.cluster.local:6222`,
      );
    }
    const job = byName<IJob>('Job', 'daiban-provision');
    const provision = job?.spec?.template.spec?.containers[0];
    expect(provision?.command).toEqual(['node', 'dist/scripts/provision.js']);
    expect(envValue(provision!, 'STREAM_REPLICAS')).toBe('3');
  });

  it('runs Redis with AOF and noeviction on a persistent volume, and PostgreSQL on one', () => {
    const redis = ofKind<IStatefulSet>('StatefulSet').find((s) =>
      s.spec?.template.spec?.containers.some((c) => c.image?.startsWith('redis:')),
    );
    expect(redis?.spec?.volumeClaimTemplates?.length).toBeGreaterThan(0);
    const config = ofKind<IConfigMap>('ConfigMap')
      .filter((c) => redis!.spec!.template.spec!.volumes!.some((v) => v.configMap?.name === c.metadata?.name))
      .flatMap((c) => Object.values(c.data ?? {}))
      .join('\n');
    expect(config).toMatch(/^appendonly yes$/m);
    expect(config).toMatch(/^appendfsync everysec$/m);
    expect(config).toMatch(/^maxmemory-policy noeviction$/m);
    const postgres = ofKind<IStatefulSet>('StatefulSet').find((s) =>
      s.spec?.template.spec?.containers.some((c) => c.image?.startsWith('postgres:')),
    );
    expect(postgres?.spec?.volumeClaimTemplates?.length).toBeGreaterThan(0);
  });
});

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string | string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const services = (parse(text, { merge: true }) as { services: Record<string, ComposeService> }).services;
  const commandOf = (name: string) => {
    const command = services[name]?.command;
    return Array.isArray(command) ? command.join(' ') : command;
  };

  it.each(apps)('runs %s from the app image, after provisioning, with a healthcheck on its port', (app) => {
    const service = services[app];
    expect(service).toBeDefined();
    expect(commandOf(app)).toBe(`node dist/apps/${app}/src/main.js`);
    expect(service.image).toBe(services.provision.image);
    const env = service.environment ?? {};
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/daiban',
      REDIS_URL: 'redis://redis:6379',
      NATS_URL: 'nats://nats:4222',
      HOST: '0.0.0.0',
    });
    expect(JSON.stringify(service.healthcheck)).toContain(`127.0.0.1:${env.PORT}/health/ready`);
    expect(service.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      nats: { condition: 'service_healthy' },
      provision: { condition: 'service_completed_successfully' },
    });
  });

  it('builds the image once, provisions streams, and publishes the gateway on 3000', () => {
    expect(services.provision.build).toMatchObject({ dockerfile: 'Dockerfile' });
    expect(commandOf('provision')).toBe('node dist/scripts/provision.js');
    expect(services.gateway.ports).toContain('3000:3000');
    expect(
      Object.entries(services)
        .filter(([, s]) => s.build)
        .map(([name]) => name),
    ).toEqual(['provision']);
  });

  it('runs the data stores with health checks: Redis with AOF and noeviction, NATS with JetStream on a volume', () => {
    for (const name of ['postgres', 'redis', 'nats']) expect(services[name].healthcheck).toBeDefined();
    expect(services.postgres.image).toBe('postgres:15');
    expect(commandOf('redis')).toMatch(/--appendonly yes/);
    expect(commandOf('redis')).toMatch(/--maxmemory-policy noeviction/);
    expect(services.nats.image).toMatch(/^nats:2\.9/);
    expect(commandOf('nats')).toMatch(/(^|\s)-js(\s|$)/);
    expect(services.nats.volumes?.length).toBeGreaterThan(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('builds on node:20-bookworm-slim with npm ci and npm run build, and runs as a numeric non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:\d+)?$/);
  });
});

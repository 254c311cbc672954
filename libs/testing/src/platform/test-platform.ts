import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, type ServiceName } from '@crm/contracts';
import { provisionDatabase } from '@crm/database';
import { deleteAmqpNamesWithPrefix } from '../amqp-cleanup.js';
import { startS3Server, startSmtpServer } from '../index.js';
import { freePort } from './free-port.js';
import { spawnServiceProcess, stopServiceProcess, waitUntilListening, type RunningProcess } from './service-process.js';

/** The repository root: the nearest folder with package.json (works from src/ and from dist/). */
function findRepositoryRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

const ROOT = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));

export const TEST_ADMIN_EMAIL = 'admin@demo.test';
export const TEST_ADMIN_PASSWORD = 'Demo-Admin-2026!';
export const TEST_PLATFORM_API_KEY = 'test-platform-key-0123456789abcdef';
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/** The Prometheus text of a process started by TestPlatform (which sets METRICS_TOKEN). */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  return response.text();
}

export interface TestPlatformOptions {
  /** Services to run besides the gateway (default: all five). */
  services?: ServiceName[];
  gateway?: boolean;
  /** Extra environment for every process (e.g. short retry delays). */
  env?: Record<string, string>;
  /** Extra environment for the gateway only (e.g. TRUSTED_PROXIES, to play clients behind a proxy). */
  gatewayEnv?: Record<string, string>;
  /** Options of the loopback SMTP server (benchmarks turn keeping and parsing messages off). */
  smtp?: { keepMessages?: boolean };
  /** Processes reach Postgres through this port on loopback (a TcpFaultProxy) instead of directly. */
  databasePort?: number;
}

type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
type S3Server = Awaited<ReturnType<typeof startS3Server>>;

/**
 * The whole platform as real processes (compiled by the Jest global setup) on loopback, with
 * its own database and AMQP name prefix so parallel test files never see each other's events,
 * a real S3 endpoint and a real SMTP server whose mail the test can read.
 */
export class TestPlatform {
  readonly processes = new Map<string, RunningProcess>();
  private readonly ports = new Map<string, number>();

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly smtp: SmtpServer,
    readonly s3: S3Server,
    readonly database: string,
    private readonly gatewayEnv: Record<string, string> = {},
  ) {}

  static async start(options: TestPlatformOptions = {}): Promise<TestPlatform> {
    const runDatabase = process.env.CRM_TEST_DATABASE;
    const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
    if (!runDatabase || !adminUrl) throw new Error('TestPlatform needs the Jest global setup (CRM_TEST_DATABASE)');
    const suffix = randomBytes(3).toString('hex');
    const database = `${runDatabase}_p${suffix}`;
    await provisionDatabase({ adminUrl, database });
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${database}`;
    if (options.databasePort !== undefined) {
      databaseUrl.hostname = '127.0.0.1';
      databaseUrl.port = String(options.databasePort);
    }
    const [smtp, s3] = await Promise.all([startSmtpServer({ keepMessages: options.smtp?.keepMessages }), startS3Server()]);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.PLATFORM_LOG_LEVEL ?? 'warn',
      DATABASE_URL: databaseUrl.toString(),
      AMQP_URL: process.env.AMQP_URL,
      AMQP_PREFIX: `${process.env.AMQP_PREFIX ?? ''}p${suffix}.`,
      JWT_SECRET: process.env.JWT_SECRET,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_BUCKET: s3.bucket,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'CRM <crm@demo.test>',
      CRM_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      CRM_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      PLATFORM_API_KEY: TEST_PLATFORM_API_KEY,
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_IP_RATE_LIMIT: '1000',
      LOGIN_ACCOUNT_RATE_LIMIT: '1000',
      ...options.env,
    };
    const platform = new TestPlatform(env, smtp, s3, database, options.gatewayEnv);
    const services = options.services ?? SERVICE_NAMES;
    for (const name of [...services, 'gateway']) platform.ports.set(name, await freePort());
    for (const name of services) platform.env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${platform.ports.get(name)}`;
    try {
      await Promise.all(services.map((name) => platform.startService(name)));
      if (options.gateway !== false) await platform.startService('gateway');
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.ports.get('gateway')}`;
  }

  urlOf(name: string): string {
    return `http://127.0.0.1:${this.ports.get(name)}`;
  }

  get amqpPrefix(): string {
    return this.env.AMQP_PREFIX ?? '';
  }

  async startService(name: string): Promise<void> {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`unknown service ${name}`);
    const proc = spawnServiceProcess(ROOT, name, port, this.envOf(name), process.env.PLATFORM_OUTPUT === 'inherit');
    this.processes.set(name, proc);
    await waitUntilListening(proc);
  }

  /**
   * One more process of `name` on its own port, sharing the database and broker (a second
   * replica), with extra environment. Stopped with the platform; returns its base URL.
   */
  async startReplica(name: string, env: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const proc = spawnServiceProcess(ROOT, name, port, { ...this.envOf(name), ...env }, process.env.PLATFORM_OUTPUT === 'inherit');
    this.processes.set(`${name}#${port}`, proc);
    await waitUntilListening(proc);
    return proc.url;
  }

  /** Services sit behind the gateway on loopback and believe its X-Forwarded-For; the gateway believes nobody unless told. */
  private envOf(name: string): NodeJS.ProcessEnv {
    if (name === 'gateway') return { ...this.env, ...this.gatewayEnv };
    return { TRUSTED_PROXIES: '127.0.0.1', ...this.env };
  }

  /** SIGTERM (graceful) or SIGKILL (crash) one process. */
  async stopService(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.processes.get(name);
    if (proc) await stopServiceProcess(proc, signal);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((proc) => stopServiceProcess(proc)));
    await Promise.all([this.smtp.stop(), this.s3.stop()]);
    // Each platform declares ~30 quorum queues; left until the run ends they add up to more file
    // handles than a default RabbitMQ allows (it then hangs every new connection).
    if (this.amqpPrefix && this.env.AMQP_URL) await deleteAmqpNamesWithPrefix(this.env.AMQP_URL, this.amqpPrefix);
  }

  /** Output of a process, for diagnosing a failure. */
  logsOf(name: string): string {
    return this.processes.get(name)?.output.join('\n') ?? '';
  }
}

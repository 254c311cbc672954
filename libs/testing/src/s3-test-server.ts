import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';

/** s3rver accepts only its built-in account (and does not verify SigV4 signatures). */
export const S3RVER_ACCESS_KEY = 'S3RVER';
export const S3RVER_SECRET_KEY = 'S3RVER';
const DEFAULT_BUCKET = 'crm-documents';

export interface RunningS3Server {
  /** e.g. http://127.0.0.1:41234 — what S3_ENDPOINT should hold. */
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  bucket: string;
  directory: string;
  /** The S3_* variables that point a service at this server. */
  env: Record<'S3_ENDPOINT' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET' | 'S3_REGION', string>;
  stop(): Promise<void>;
}

async function runS3rver(port: number, directory: string, bucket: string, onStopped: () => Promise<void>): Promise<RunningS3Server> {
  const s3rver = new S3rver({ directory, silent: true, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  await s3rver.configureBuckets();
  // Our own HTTP server around s3rver's request handler: s3rver.run() never rejects when the
  // port is taken (the 'error' event goes unhandled and kills the process).
  const httpServer = createServer(s3rver.callback());
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port: address.port,
    accessKey: S3RVER_ACCESS_KEY,
    secretKey: S3RVER_SECRET_KEY,
    bucket,
    directory,
    env: { S3_ENDPOINT: endpoint, S3_ACCESS_KEY: S3RVER_ACCESS_KEY, S3_SECRET_KEY: S3RVER_SECRET_KEY, S3_BUCKET: bucket, S3_REGION: 'us-east-1' },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Clients keep sockets alive; without this, close() waits for them to time out.
        httpServer.closeAllConnections();
        await closed;
        await onStopped();
      })();
      return stopping;
    },
  };
}

/**
 * Where a throwaway S3 server keeps its objects: `S3_TEST_DIR`, else tmpfs (/dev/shm) when the
 * machine has it, else the temporary directory. s3rver writes two files and reads one back per
 * object; on this machine's ext4 disk those calls cost the benchmarks' load generator ~2.7 ms of
 * CPU per 50 KiB e-mail attachment, on the two cores the services are measured on (bench/README.md).
 */
export function throwawayS3Root(): string {
  if (process.env.S3_TEST_DIR) return process.env.S3_TEST_DIR;
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/**
 * A real S3 endpoint for tests: s3rver on 127.0.0.1 (a random free port by default) over a
 * fresh temporary directory (see {@link throwawayS3Root}) that `stop()` deletes, with the bucket
 * already created.
 */
export async function startS3Server(opts: { port?: number; directory?: string; bucket?: string } = {}): Promise<RunningS3Server> {
  const ownsDirectory = !opts.directory;
  const directory = opts.directory ?? (await mkdtemp(join(throwawayS3Root(), 'crm-s3-')));
  try {
    return await runS3rver(opts.port ?? 0, directory, opts.bucket ?? DEFAULT_BUCKET, async () => {
      if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    });
  } catch (err) {
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The S3 endpoint `npm start` runs when S3_ENDPOINT is not set: s3rver on 127.0.0.1:9000 over a
 * persistent directory (default `.data/s3`), so uploaded documents survive restarts.
 */
export async function startEmbeddedS3(opts: { port?: number; directory?: string; bucket?: string } = {}): Promise<RunningS3Server> {
  const directory = resolve(opts.directory ?? join('.data', 's3'));
  await mkdir(directory, { recursive: true });
  return runS3rver(opts.port ?? 9000, directory, opts.bucket ?? DEFAULT_BUCKET, async () => undefined);
}

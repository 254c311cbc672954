import { createServer } from 'node:net';

// Ports come from below the kernel's ephemeral range (32768-60999 here), where outgoing
// connections (to Postgres, RabbitMQ, SMTP…) never land, and each Jest worker has its own
// slice, so a port handed out here cannot be taken by another worker or by a connection between
// the check and the service binding it (seen: a gateway port answered by another test's service).
const FIRST_PORT = 20_000;
const SLICE = 1_500;
const slice = (Number(process.env.JEST_WORKER_ID ?? 0) || process.pid) % 8;
// A random start within the slice: test runs in other worktrees have the same worker ids, and all
// starting at the slice's first port made them race for the same ports.
let next = Math.floor(Math.random() * SLICE);

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port of this worker's slice. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE; tries++) {
    const port = FIRST_PORT + slice * SLICE + (next++ % SLICE);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${FIRST_PORT + slice * SLICE}-${FIRST_PORT + (slice + 1) * SLICE - 1}`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Where a compiled entry point lives: `dist/<dir>/src/main.js`. */
export function entryPointOf(root: string, name: string): string {
  return name === 'gateway' ? join(root, 'dist', 'gateway', 'src', 'main.js') : join(root, 'dist', 'services', name, 'src', 'main.js');
}

export interface RunningProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Last lines it printed, for error messages when it fails to start. */
  output: string[];
}

/** Children still running; killed if this process exits without stopping them (a crashed test worker). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function killChildrenOnExit(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

export function spawnServiceProcess(root: string, name: string, port: number, env: NodeJS.ProcessEnv, inheritOutput = false): RunningProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entryPointOf(root, name)], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  killChildrenOnExit(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, url: `http://127.0.0.1:${port}`, child, output };
}

/**
 * Waits until GET /health answers (any status: the process is up) or the process exits. The
 * deadline is 30 s, or `PLATFORM_START_TIMEOUT_MS` on a machine too loaded to boot a service
 * (and run its migrations on a fresh database) in that time.
 */
export async function waitUntilListening(proc: RunningProcess, timeoutMs = Number(process.env.PLATFORM_START_TIMEOUT_MS) || 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output.slice(-30).join('\n')}`);
    try {
      const response = await fetch(`${proc.url}/health`, { signal: AbortSignal.timeout(3000) });
      await response.body?.cancel();
      return;
    } catch {
      await delay(100);
    }
  }
  throw new Error(`${proc.name} did not start within ${timeoutMs} ms:\n${proc.output.slice(-30).join('\n')}`);
}

export async function stopServiceProcess(proc: RunningProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

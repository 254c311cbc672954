// Types for infra.mjs, so TypeScript tests can import it.
export declare const DEFAULT_DATABASE_ADMIN_URL: string;
export declare const DEFAULT_AMQP_URL: string;
export declare const log: { ok(message: string): void; step(message: string): void; warn(message: string): void };
export declare function redactUrl(raw: string): string;
export declare function isLocalHost(host: string): boolean;
export declare function isRoot(): boolean;
export declare function hasCommand(command: string): boolean;
export declare function run(
  command: string,
  args: string[],
  opts?: { inherit?: boolean; env?: Record<string, string>; allowFailure?: boolean; timeoutMs?: number; input?: string; cwd?: string },
): Promise<{ code: number | null; output: string; stdout: string; stderr: string }>;
export declare function isReachable(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export declare function waitForTcp(host: string, port: number, timeoutMs?: number, opts?: { intervalMs?: number }): Promise<void>;
export declare function installMatchesLock(root?: string): boolean;
export declare function ensureDependencies(opts?: { root?: string }): Promise<void>;
export declare function aptInstall(packages: string[]): Promise<void>;
export declare function ensurePostgres(adminUrl?: string, opts?: { timeoutMs?: number }): Promise<void>;
export declare function ensureRabbitMQ(amqpUrl?: string, opts?: { timeoutMs?: number }): Promise<void>;
export declare function chromiumPath(): string | undefined;
export declare function ensureChromium(): Promise<string>;

import { AsyncLocalStorage } from 'node:async_hooks';

/** What follows a request (or a consumed event) through the code without passing it around. */
export interface RequestContextData {
  requestId: string;
  /** Carried into the events this request causes as the CloudEvents `correlationid`. */
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  /** Enters a context for the rest of the current async execution (used from Fastify hooks). */
  enter(data: RequestContextData): void {
    storage.enterWith(data);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};

import { connect, type Socket } from 'node:net';
import { waitFor } from '@crm/testing';
import { WebSocket } from 'ws';

/** A frame the server sent, parsed. */
export type Frame = Record<string, any>;

/**
 * A WebSocket client written with the `ws` package directly (not project code): it records every
 * frame and the close code, and can stop reading its socket to play a slow consumer.
 */
export class RealtimeTestClient {
  readonly frames: Frame[] = [];
  closeCode?: number;
  closeReason?: string;
  private socket?: Socket;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
    });
    ws.on('error', () => undefined);
  }

  /**
   * Opens `/api/v1/realtime`; with `protocols` the JWT can ride in Sec-WebSocket-Protocol.
   * `autoPong: false` plays a client whose network went silent (it never answers pings).
   */
  static async open(gatewayUrl: string, protocols?: string[], { autoPong = true }: { autoPong?: boolean } = {}): Promise<RealtimeTestClient> {
    const url = `${gatewayUrl.replace(/^http/, 'ws')}/api/v1/realtime`;
    let socket: Socket | undefined;
    const ws = new WebSocket(url, protocols, {
      autoPong,
      createConnection: (options: { host?: string; port?: number | string }) => {
        socket = connect({ host: options.host ?? '127.0.0.1', port: Number(options.port) });
        return socket;
      },
    } as never);
    const client = new RealtimeTestClient(ws);
    client.socket = socket;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade answered ${response.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens and authenticates with the first message. */
  static async signedIn(gatewayUrl: string, token: string, options: { autoPong?: boolean } = {}): Promise<RealtimeTestClient> {
    const client = await RealtimeTestClient.open(gatewayUrl, undefined, options);
    client.send({ type: 'auth', token });
    await client.waitFor((frame) => frame.type === 'authenticated', 'the auth acknowledgement');
    return client;
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Subscribes and waits for the answer (`subscribed` or `refused`) about that topic. */
  async subscribe(topic: string, extra: Record<string, unknown> = {}): Promise<Frame> {
    const before = this.frames.length;
    this.send({ type: 'subscribe', topic, ...extra });
    return this.waitFor(
      (frame, index) => index >= before && (frame.type === 'subscribed' || frame.type === 'refused' || frame.type === 'error') && frame.topic === topic,
      `an answer to subscribe ${topic}`,
    );
  }

  async waitFor(predicate: (frame: Frame, index: number) => boolean, description: string, timeoutMs = 15_000): Promise<Frame> {
    return waitFor(async () => this.frames.find(predicate), { timeoutMs, description });
  }

  events(topic?: string): Frame[] {
    return this.frames.filter((frame) => frame.type === 'event' && (topic === undefined || frame.topic === topic));
  }

  async waitForClose(timeoutMs = 15_000): Promise<number> {
    return waitFor(async () => this.closeCode, { timeoutMs, description: 'the socket to close' });
  }

  /** Stops reading from the network: the server's unsent data piles up (a slow consumer). */
  pauseReading(): void {
    this.socket?.pause();
  }

  resumeReading(): void {
    this.socket?.resume();
  }

  close(): void {
    this.ws.terminate();
  }
}

// A raw `ws` client for the realtime tests: collects text frames as parsed JSON and waits for
// the next one matching a predicate, or for the close, each with a bounded timeout.
import { WebSocket } from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

export class FrameClient {
  readonly frames: any[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<Closed>;
  private waiters: Array<() => void> = [];

  constructor(
    readonly socket: WebSocket,
    private readonly timeoutMs = 3000,
  ) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string, protocols?: string | string[]): Promise<FrameClient> {
    const client = new FrameClient(new WebSocket(url, protocols));
    await client.opened;
    return client;
  }

  /** Resolves with the first frame (seen or future) matching, after index `from`. */
  async next(match: (frame: any) => boolean = () => true, from = 0): Promise<any> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${this.timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async closedWithin(ms = this.timeoutMs): Promise<Closed> {
    return Promise.race([
      this.closed,
      new Promise<Closed>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms)),
    ]);
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.close(1000);
  }
}

/** Waits `ms` and returns the frames that arrived meanwhile (for "receives nothing" checks). */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

// A sliding one-second window: how IVS Chat counts requests per connection (10/s) and messages
// per room (maximumMessageRatePerSecond). Over the limit the request is answered with ERROR 429.
export class RateWindow {
  private readonly times: number[] = [];

  constructor(private readonly windowMs = 1000) {}

  /** Records a request at `now` if fewer than `limit` happened in the window; false otherwise. */
  take(limit: number, now = Date.now()): boolean {
    const since = now - this.windowMs;
    let expired = 0;
    while (expired < this.times.length && this.times[expired]! <= since) expired++;
    if (expired) this.times.splice(0, expired);
    if (this.times.length >= limit) return false;
    this.times.push(now);
    return true;
  }
}

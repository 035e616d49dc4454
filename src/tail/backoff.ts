// Reconnect pacing (cli-conventions §10): 1, 2, 4, 8, 16 s with ±20% jitter, 5 attempts, the
// count reset by every successful connection. Jitter keeps many tails that lost the same server
// from all coming back in the same instant.
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay added or removed at random (0.2 = ±20%). */
  jitter: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 16_000, jitter: 0.2, maxAttempts: 5 };

/** Delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(nominal * (1 + policy.jitter * (2 * random() - 1)));
}

// SHA-256 as hex, on every signed request and idempotent write: the one-shot crypto.hash
// (Node >= 20.12) costs a fraction of a createHash object per call.
import * as crypto from 'node:crypto';

export const sha256Hex: (data: Uint8Array | string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

// Well-known settings of the local emulator. Kept apart from server.ts so the CLI's `--local`
// can read them without loading the emulator.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test credentials the emulator accepts by default (printed at start; never real AWS keys). */
export const DEFAULT_ACCESS_KEY_ID = 'AKIACHATCTLEMULATOR1';
export const DEFAULT_SECRET_ACCESS_KEY = 'chatctl/emulator/secret/do-not-use-in-prod';
export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4599;

/** Where `emulator start --tls` keeps its CA when there is no --state file (one per user);
 * `--local` with an https endpoint trusts the CA it finds there. */
export function defaultTlsDirectory(): string {
  return join(tmpdir(), `chatctl-emulator-tls-${process.getuid?.() ?? 'user'}`);
}

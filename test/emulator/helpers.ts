// Shared set-up for the emulator tests: an emulator on 127.0.0.1 (random port) and SDK clients
// pointed at it with the emulator's test credentials.
import { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server.js';

export async function emulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', log: () => {}, ...opts });
}

export function identityClient(
  emu: Emulator,
  overrides: { secretAccessKey?: string; accessKeyId?: string; sessionToken?: string; endpoint?: string } = {},
): ChimeSDKIdentityClient {
  return new ChimeSDKIdentityClient({
    region: emu.region,
    endpoint: overrides.endpoint ?? emu.url,
    credentials: {
      accessKeyId: overrides.accessKeyId ?? emu.credentials.accessKeyId,
      secretAccessKey: overrides.secretAccessKey ?? emu.credentials.secretAccessKey,
      ...(overrides.sessionToken ? { sessionToken: overrides.sessionToken } : {}),
    },
    maxAttempts: 1,
  });
}

/** Runs a promise that must reject, and returns the error for assertions. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

// The AWS CLI v2 (/usr/bin/aws, Debian's awscli) as a test peer against an emulator: an isolated
// home and config, the emulator's credentials, JSON output. Tests skip when it is not installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/server.js';

export const AWS = '/usr/bin/aws';
export const hasAws = existsSync(AWS);

export interface AwsResult {
  code: number;
  stdout: string;
  stderr: string;
  json(): any;
}

/** A runner of `aws <service> ...` against the emulator. */
export function awsCli(emulator: Emulator, service: string): (args: string[]) => Promise<AwsResult> {
  const home = mkdtempSync(join(tmpdir(), 'chatctl-awscli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    AWS_REGION: emulator.region,
    AWS_DEFAULT_REGION: emulator.region,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return (args) =>
    new Promise((resolve) => {
      execFile(AWS, [service, ...args, '--endpoint-url', emulator.url, '--output', 'json'], { env, timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, json: () => JSON.parse(stdout) });
      });
    });
}

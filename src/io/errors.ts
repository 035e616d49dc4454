// Typed errors carry their exit code, so every layer can fail the same way and the root turns
// them into one `error:` line (plus at most one `hint:`) and the right process exit status.

export const ExitCode = {
  ok: 0,
  partial: 1,
  timeout: 124,
  sigint: 130,
  sigterm: 143,
  usage: 252,
  config: 253,
  service: 254,
  other: 255,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly hint?: string,
    /** The service's error name (e.g. NotFoundException), for `-o json` error lines. */
    readonly code?: string,
    /** Extra indented lines printed between the error and the hint. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string, hint?: string) => new CliError(message, ExitCode.usage, hint);
export const configError = (message: string, hint?: string) => new CliError(message, ExitCode.config, hint);

/** An error the service answered with (as opposed to usage, configuration or the network):
 * multi-item commands report those per item and go on. */
export const isServiceError = (err: unknown): err is CliError => err instanceof CliError && err.exitCode === ExitCode.service;

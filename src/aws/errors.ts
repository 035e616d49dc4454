// Maps what the AWS SDK throws onto chatctl's exit codes: a service answer is 254, missing
// configuration (region, credentials, profile) is 253, anything that never reached a service
// (DNS, refused connection, TLS) is 255.
import { CliError, ExitCode } from '../io/errors.js';
import { sanitize } from '../io/format.js';

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: 'client' | 'server';
  code?: string;
  Code?: string;
}

export interface ErrorContext {
  operation: string;
  endpointUrl?: string;
  local: boolean;
  debug?: boolean;
}

export function mapSdkError(err: unknown, ctx: ErrorContext): CliError {
  if (err instanceof CliError) return err;
  const e = err as SdkError;
  // One line, and no escape sequences: the text comes from whatever answered.
  const message = sanitize((e?.message ?? String(err)).replace(/\s+/g, ' ').trim());
  const name = sanitize(e?.name ?? 'Error');

  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && !isAwsErrorAnswer(e)) {
    // Something answered over HTTP, but not with an AWS API error: a proxy, a web server, the
    // wrong port. Say so, as the AWS CLI does, instead of the SDK's parser internals.
    const target = ctx.endpointUrl ?? 'the service endpoint';
    return new CliError(
      `${ctx.operation}: HTTP ${status} from ${target} (not an AWS API response)`,
      ExitCode.other,
      ctx.local ? 'is the emulator running on that port? chatctl emulator start' : 'check --endpoint-url and the region',
    );
  }
  if (status !== undefined || e?.$fault) {
    const hint = serviceHint(name, ctx);
    const details = ctx.debug && e.$metadata?.requestId ? [`request id: ${e.$metadata.requestId}`] : [];
    // A signature mismatch comes with the canonical request AWS expected: useful when
    // debugging a signer, noise on one error line otherwise.
    const shown = ctx.debug ? message : message.replace(/ The Canonical String for this request should have been .*$/, '');
    return new CliError(`${ctx.operation}: ${name}: ${shown}`, ExitCode.service, hint, name, details);
  }
  if (/Region is missing/i.test(message)) {
    return new CliError(`${ctx.operation}: no region configured`, ExitCode.config, 'set --region or AWS_REGION');
  }
  if (name === 'CredentialsProviderError' || /credentials/i.test(message) && /load|provider|missing/i.test(message)) {
    return new CliError(
      `${ctx.operation}: no AWS credentials: ${message}`,
      ExitCode.config,
      'configure credentials (aws configure, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, aws sso login) or use --local',
    );
  }
  if (/profile/i.test(message) && /not found|could not|does not exist/i.test(message)) {
    return new CliError(`${ctx.operation}: ${message}`, ExitCode.config, 'check --profile or AWS_PROFILE');
  }
  if (/token.*expired|sso session/i.test(message)) {
    return new CliError(`${ctx.operation}: ${message}`, ExitCode.config, 'aws sso login');
  }
  if (name === 'TimeoutError') {
    // From the --cli-connect-timeout / --cli-read-timeout limits given to the SDK's handler.
    const target = ctx.endpointUrl ?? 'the service endpoint';
    const ms = /(\d+) ms/.exec(message)?.[1];
    const within = ms ? ` within ${Number(ms) / 1000} s` : '';
    return /establish a connection/.test(message)
      ? new CliError(`${ctx.operation}: could not connect to ${target}${within}`, ExitCode.other, 'check the network and the endpoint, or raise --cli-connect-timeout')
      : new CliError(`${ctx.operation}: no answer from ${target}${within}`, ExitCode.other, 'the endpoint took the connection but went silent; check it, or raise --cli-read-timeout');
  }
  const netCode = (e as NodeJS.ErrnoException)?.code;
  if (netCode && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE|CERT_|ERR_TLS)/.test(netCode)) {
    const target = ctx.endpointUrl ?? 'the service endpoint';
    return new CliError(
      `${ctx.operation}: cannot reach ${target}: ${netCode}`,
      ExitCode.other,
      ctx.local ? 'start the emulator: chatctl emulator start' : 'check the network and --endpoint-url',
    );
  }
  return new CliError(`${ctx.operation}: ${message}`, ExitCode.other);
}

/** The SDK names errors after the service's error type; when the answer had none it is
 * `Unknown` (empty or foreign body) or a parser error (HTML where JSON was expected). */
function isAwsErrorAnswer(e: SdkError): boolean {
  if (e.name === 'Unknown' || e.name === 'UnknownError' || e.name === 'SyntaxError') return false;
  return !/Deserialization error/.test(e.message ?? '');
}

function serviceHint(name: string, ctx: ErrorContext): string | undefined {
  if (/AccessDenied|Forbidden/.test(name)) return `the caller is not allowed to call ${ctx.operation}; check the IAM policy or --as`;
  if (/UnrecognizedClient|InvalidSignature|SignatureDoesNotMatch/.test(name)) {
    return ctx.local ? 'the emulator rejected the credentials; --local uses its default ones' : 'check the AWS credentials and the system clock';
  }
  if (/ExpiredToken/.test(name)) return 'refresh the credentials (aws sso login)';
  return undefined;
}

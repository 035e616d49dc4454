// --debug: every request and response on stderr, with secrets redacted: the Authorization
// signature, session tokens, secret keys and IVS chat tokens never reach the log.
import type { IO } from '../io/streams.js';

const SECRET_KEYS = /^(token|SecretAccessKey|SessionToken|secretAccessKey|sessionToken|x-amz-security-token)$/i;

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization') out[name] = value.replace(/Signature=[0-9a-f]+/i, 'Signature=REDACTED');
    else if (SECRET_KEYS.test(name)) out[name] = 'REDACTED';
    else out[name] = value;
  }
  return out;
}

export function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactBody);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata') continue;
      out[k] = SECRET_KEYS.test(k) ? 'REDACTED' : redactBody(v);
    }
    return out;
  }
  return value;
}

function redactBodyText(text: string): string {
  try {
    return JSON.stringify(redactBody(JSON.parse(text)));
  } catch {
    return text;
  }
}

export function debugMiddleware(io: IO) {
  const log = (line: string) => io.err(io.errColor.dim(`debug: ${line}`) + '\n');
  return {
    applyToStack(stack: any) {
      // Innermost: sees the signed request as it goes on the wire and the raw status.
      stack.add(
        (next: any, context: any) => async (args: any) => {
          const req = args.request;
          const query = req.query && Object.keys(req.query).length ? '?' + new URLSearchParams(req.query).toString() : '';
          log(`${context.commandName ?? ''} ${req.method} ${req.protocol}//${req.hostname}${req.port ? ':' + req.port : ''}${req.path}${query}`);
          log(`request headers ${JSON.stringify(redactHeaders(req.headers))}`);
          if (typeof req.body === 'string' && req.body) log(`request body ${redactBodyText(req.body)}`);
          const started = Date.now();
          try {
            const result = await next(args);
            const res = result.response;
            log(`response ${res?.statusCode} in ${Date.now() - started} ms, request id ${res?.headers?.['x-amzn-requestid'] ?? '-'}`);
            return result;
          } catch (err) {
            log(`failed after ${Date.now() - started} ms: ${(err as Error).name}: ${(err as Error).message}`);
            throw err;
          }
        },
        { step: 'deserialize', priority: 'low', name: 'chatctlDebugWire' },
      );
      // Outermost: the parsed output, after the SDK has turned it into objects.
      stack.add(
        (next: any) => async (args: any) => {
          const result = await next(args);
          log(`response body ${JSON.stringify(redactBody(result.output))}`);
          return result;
        },
        { step: 'initialize', priority: 'high', name: 'chatctlDebugOutput' },
      );
    },
  };
}

// TLS for tail's WebSockets: the system's trust store, plus the emulator's CA when --local
// points at an emulator started with --tls (Settings.caBundle).
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { ClientOptions } from 'ws';
import type { Settings } from '../context/settings.js';

export function tlsOptions(settings: Settings): ClientOptions {
  const { caBundle } = settings;
  if (!caBundle) return {};
  return { ca: [...rootCertificates, readFileSync(caBundle, 'utf8')] };
}

// The certificates of `emulator start --tls`: a CA and a server certificate built by hand in
// DER, parsed and verified by Node's X.509 code and OpenSSL's TLS handshake; reused while valid.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTlsMaterial, tlsDirectory } from '../../src/emulator/tls.js';

function get(port: number, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path: '/', ca, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('emulator TLS material', () => {
  it('makes a CA and a server certificate for localhost, 127.0.0.1 and ::1 that a TLS client accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-tls-'));
    const material = ensureTlsMaterial(dir, '127.0.0.1');
    const caPem = readFileSync(material.caPath, 'utf8');
    const ca = new X509Certificate(caPem);
    const server = new X509Certificate(material.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost('example.com')).toBeUndefined();

    const srv = https.createServer({ key: material.key, cert: material.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as AddressInfo).port;
    try {
      expect(await get(port, caPem)).toBe('ok');
      await expect(get(port)).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    } finally {
      srv.close();
    }
  });

  it('reuses the CA across starts and keeps the key private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatctl-tls-'));
    const first = ensureTlsMaterial(dir, '127.0.0.1');
    const second = ensureTlsMaterial(dir, '127.0.0.1');
    expect(readFileSync(second.caPath, 'utf8')).toBe(readFileSync(first.caPath, 'utf8'));
    expect(second.key).toBe(first.key);
    // A new listen address gets a new server certificate from the same CA.
    const third = ensureTlsMaterial(dir, '127.0.0.2');
    expect(third.key).not.toBe(first.key);
    expect(new X509Certificate(third.cert).checkIP('127.0.0.2')).toBe('127.0.0.2');
    expect(tlsDirectory('/var/lib/emu/state.json')).toBe('/var/lib/emu/state.json.tls');
  });
});

// A local certificate authority and a server certificate for `emulator start --tls`, built with
// node:crypto alone (ECDSA P-256, X.509 v3 written in DER by hand: Node can sign but not build
// certificates). The CA is what users trust (NODE_EXTRA_CA_CERTS, the AWS CLI's --ca-bundle);
// the server certificate names localhost, 127.0.0.1 and ::1 (and the listen address). Both are
// kept in a directory and reused while valid, so a trusted CA path survives restarts.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { defaultTlsDirectory } from './defaults.js';

export interface TlsMaterial {
  /** PEM of the CA certificate: what clients trust. */
  caPath: string;
  /** PEM chain served by the emulator (server certificate, then the CA). */
  cert: string;
  key: string;
}

const CA_DAYS = 3650;
const SERVER_DAYS = 825;

/** Where the certificates live: beside the state file, else a per-user temp directory. */
export function tlsDirectory(statePath?: string): string {
  return statePath ? join(dirname(statePath), `${basename(statePath)}.tls`) : defaultTlsDirectory();
}

/** Loads the CA and server certificate from `dir`, or makes them (again) when missing, expired
 * or not naming `host`. */
export function ensureTlsMaterial(dir: string, host: string): TlsMaterial {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = { ca: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
  const names = hostNames(host);
  let ca: { cert: string; key: KeyObject } | undefined;
  if (existsSync(paths.ca) && existsSync(paths.caKey) && stillValid(readFileSync(paths.ca, 'utf8'))) {
    ca = { cert: readFileSync(paths.ca, 'utf8'), key: createPrivateKey(readFileSync(paths.caKey, 'utf8')) };
  } else {
    ca = makeCa();
    writePrivate(paths.caKey, ca.key.export({ type: 'pkcs8', format: 'pem' }) as string);
    writeFileSync(paths.ca, ca.cert);
  }
  if (existsSync(paths.cert) && existsSync(paths.key)) {
    const current = readFileSync(paths.cert, 'utf8');
    if (stillValid(current) && issuedBy(current, ca.cert) && covers(current, names)) {
      return { caPath: paths.ca, cert: current + ca.cert, key: readFileSync(paths.key, 'utf8') };
    }
  }
  const server = makeServerCertificate(ca, names);
  writePrivate(paths.key, server.key);
  writeFileSync(paths.cert, server.cert);
  return { caPath: paths.ca, cert: server.cert + ca.cert, key: server.key };
}

function hostNames(host: string): { dns: string[]; ips: string[] } {
  const dns = new Set(['localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  if (isIP(host)) ips.add(host);
  else if (host && host !== '0.0.0.0') dns.add(host);
  return { dns: [...dns], ips: [...ips] };
}

function stillValid(pem: string): boolean {
  try {
    // A day of margin so a certificate does not expire under a running emulator.
    return new Date(new X509Certificate(pem).validTo).getTime() > Date.now() + 86_400_000;
  } catch {
    return false;
  }
}

function issuedBy(pem: string, caPem: string): boolean {
  try {
    return new X509Certificate(pem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}

function covers(pem: string, names: { dns: string[]; ips: string[] }): boolean {
  const cert = new X509Certificate(pem);
  return names.dns.every((n) => cert.checkHost(n) !== undefined) && names.ips.every((ip) => cert.checkIP(ip) !== undefined);
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function makeCa(): { cert: string; key: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = keyIdentifier(spki);
  const name = distinguishedName('chatctl emulator local CA');
  const der = certificate({
    issuer: name,
    subject: name,
    spki,
    days: CA_DAYS,
    signer: privateKey,
    extensions: [
      extension(OID.basicConstraints, true, seq(bool(true))),
      extension(OID.keyUsage, true, bitString(Buffer.from([0b10000110]), 1)), // digitalSignature, keyCertSign, cRLSign
      extension(OID.subjectKeyIdentifier, false, octets(keyId)),
    ],
  });
  return { cert: pem(der), key: privateKey };
}

function makeServerCertificate(ca: { cert: string; key: KeyObject }, names: { dns: string[]; ips: string[] }): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const caCert = new X509Certificate(ca.cert);
  const caSpki = caCert.publicKey.export({ type: 'spki', format: 'der' });
  const altNames = [
    ...names.dns.map((d) => tagged(0x82, Buffer.from(d, 'ascii'))),
    ...names.ips.map((ip) => tagged(0x87, ipBytes(ip))),
  ];
  const der = certificate({
    issuer: distinguishedName('chatctl emulator local CA'),
    subject: distinguishedName('chatctl emulator'),
    spki,
    days: SERVER_DAYS,
    signer: ca.key,
    extensions: [
      extension(OID.basicConstraints, true, seq()),
      extension(OID.keyUsage, true, bitString(Buffer.from([0b10000000]), 7)), // digitalSignature
      extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
      extension(OID.subjectAltName, false, seq(...altNames)),
      extension(OID.subjectKeyIdentifier, false, octets(keyIdentifier(spki))),
      extension(OID.authorityKeyIdentifier, false, seq(tagged(0x80, keyIdentifier(caSpki)))),
    ],
  });
  return { cert: pem(der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

// --- DER ---------------------------------------------------------------------------------

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

interface CertificateSpec {
  issuer: Buffer;
  subject: Buffer;
  spki: Buffer;
  days: number;
  signer: KeyObject;
  extensions: Buffer[];
}

function certificate(spec: CertificateSpec): Buffer {
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive
  const notBefore = new Date(Date.now() - 60 * 60_000);
  const notAfter = new Date(Date.now() + spec.days * 86_400_000);
  const tbs = seq(
    tagged(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    spec.issuer,
    seq(time(notBefore), time(notAfter)),
    spec.subject,
    spec.spki,
    tagged(0xa3, seq(...spec.extensions)),
  );
  const signature = sign('sha256', tbs, spec.signer); // DER ECDSA-Sig-Value
  return seq(tbs, algorithm, bitString(signature, 0));
}

function distinguishedName(commonName: string): Buffer {
  return seq(
    tlv(0x31, seq(oid(OID.organization), tlv(0x0c, Buffer.from('chatctl', 'utf8')))),
    tlv(0x31, seq(oid(OID.commonName), tlv(0x0c, Buffer.from(commonName, 'utf8')))),
  );
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

function keyIdentifier(spki: Buffer): Buffer {
  return createHash('sha1').update(spki).digest();
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand `::` and write 8 groups of 16 bits.
  const [head, tail = ''] = ip.split('::');
  const a = head ? head.split(':') : [];
  const b = tail ? tail.split(':') : [];
  const groups = [...a, ...Array(8 - a.length - b.length).fill('0'), ...b];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const tagged = (tag: number, content: Buffer) => tlv(tag, content);
const octets = (content: Buffer) => tlv(0x04, content);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const bitString = (content: Buffer, unusedBits: number) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    let v = p;
    do {
      chunk.unshift(v & 0x7f);
      v >>= 7;
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

function pem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

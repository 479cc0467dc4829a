import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importPKCS8, importSPKI, type KeyLike } from 'jose';

export interface SigningKeys {
  alg: 'EdDSA' | 'RS256';
  /** Present only where tokens are issued (accounts). */
  privateKey: KeyLike | null;
  publicKey: KeyLike;
}

export interface KeySource {
  privateKeyPem?: string;
  publicKeyPem?: string;
  /** Embedded mode: where a generated pair is kept so tokens survive restarts. */
  dataDir: string;
}

function algOf(publicKey: KeyObject): SigningKeys['alg'] {
  const type = publicKey.asymmetricKeyType;
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'rsa') return 'RS256';
  throw new Error(`Unsupported JWT key type ${type}; use Ed25519 or RSA`);
}

/** Reads the key pair from the environment, or in embedded mode generates one on first run. */
export async function loadSigningKeys(source: KeySource): Promise<SigningKeys> {
  let { privateKeyPem, publicKeyPem } = source;
  if (!publicKeyPem) {
    const dir = path.join(source.dataDir, 'keys');
    const privatePath = path.join(dir, 'jwt-ed25519.pem');
    const publicPath = path.join(dir, 'jwt-ed25519.pub.pem');
    if (!fs.existsSync(privatePath)) {
      const pair = generateKeyPairSync('ed25519');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(privatePath, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      fs.writeFileSync(publicPath, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    }
    privateKeyPem = fs.readFileSync(privatePath, 'utf8');
    publicKeyPem = fs.readFileSync(publicPath, 'utf8');
  }
  const alg = algOf(createPublicKey(publicKeyPem));
  return {
    alg,
    publicKey: await importSPKI(publicKeyPem, alg),
    privateKey: privateKeyPem ? await importPKCS8(privateKeyPem, alg) : null,
  };
}

/** A fresh Ed25519 pair as PEM; for tests and for operators generating env values. */
export function generateKeyPairPem(): { privateKeyPem: string; publicKeyPem: string } {
  const pair = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

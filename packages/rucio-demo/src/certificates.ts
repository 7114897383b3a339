import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

const DAY = 86_400_000;

export interface Issued {
  cert: string;
  key: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    forgePrivate: forge.pki.privateKeyFromPem(
      privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ),
    forgePublic: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ),
  };
}

/**
 * A throw-away CA for the demo, and leaf certificates it signs with chosen
 * lifetimes, so that the certificate check sees a real chain that verifies
 * against the CA file the demo writes.
 */
export function createDemoCa(name = 'Rucio Demo CA', now = Date.now()) {
  const ca = keyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.forgePublic;
  caCert.serialNumber = '01';
  caCert.validity.notBefore = new Date(now - DAY);
  caCert.validity.notAfter = new Date(now + 3650 * DAY);
  const caName = [
    { name: 'commonName', value: name },
    { name: 'organizationName', value: 'Rucio Portal demo' },
  ];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(ca.forgePrivate, forge.md.sha256.create());
  let serial = 2;

  return {
    caPem: forge.pki.certificateToPem(caCert),
    issue(
      commonName: string,
      validDays: number,
      dnsNames = ['localhost'],
    ): Issued {
      const leaf = keyPair();
      const cert = forge.pki.createCertificate();
      cert.publicKey = leaf.forgePublic;
      cert.serialNumber = (serial++).toString(16).padStart(2, '0');
      cert.validity.notBefore = new Date(now - (90 - validDays) * DAY);
      cert.validity.notAfter = new Date(now + validDays * DAY);
      cert.setSubject([{ name: 'commonName', value: commonName }]);
      cert.setIssuer(caCert.subject.attributes);
      cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...dnsNames.map(value => ({ type: 2, value })),
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ]);
      cert.sign(ca.forgePrivate, forge.md.sha256.create());
      return { cert: forge.pki.certificateToPem(cert), key: leaf.privatePem };
    },
  };
}

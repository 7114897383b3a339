import type { EnvironmentSpec } from './EnvironmentSpec';
import { dnsAnnotations, host, serviceName, type Overlay } from './names';

/** Traefik IngressRoutes for the server and WebUI, passthrough for auth. */
export function traefikRoutes(
  spec: EnvironmentSpec,
  overlay: Overlay,
): object[] {
  const route = (name: string, hostname: string, service: string) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name, annotations: dnsAnnotations(spec, hostname) },
    spec: {
      entryPoints: ['websecure'],
      routes: [
        {
          match: `Host(\`${hostname}\`)`,
          kind: 'Rule',
          services: [{ name: service, port: 80 }],
        },
      ],
      tls: { secretName: `${name}-tls` },
    },
  });
  const authHost = host(spec, overlay, 'rucio-auth');
  return [
    route(
      'rucio-server',
      host(spec, overlay, 'rucio'),
      serviceName('rucio-server', 'rucio-server'),
    ),
    route(
      'rucio-webui',
      host(spec, overlay, 'rucio-ui'),
      serviceName('rucio-webui', 'rucio-webui'),
    ),
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: {
        name: 'rucio-auth',
        annotations: dnsAnnotations(spec, authHost),
      },
      spec: {
        entryPoints: ['websecure'],
        routes: [
          {
            match: `HostSNI(\`${authHost}\`)`,
            services: [
              { name: serviceName('rucio-auth', 'rucio-server'), port: 443 },
            ],
          },
        ],
        // X.509 login needs the client certificate at Apache.
        tls: { passthrough: true },
      },
    },
  ];
}

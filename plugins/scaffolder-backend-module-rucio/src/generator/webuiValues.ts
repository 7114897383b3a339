import { image, ingressValues } from './chartCommon';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { host, type Overlay } from './names';

/**
 * Values of the `rucio-webui` release. The pod serves plain HTTP behind the
 * ingress. Its OIDC login needs each provider's authorization, token and
 * userinfo URLs, which the environment does not carry, so it stays off and
 * the chart's example provider is removed.
 */
export function webuiValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio-ui');
  return {
    replicaCount: 1,
    image: image(spec, 'rucio/rucio-webui'),
    hostname,
    useSSL: false,
    ingress: ingressValues(
      spec,
      'rucio-webui',
      hostname,
      'rucio-webui-tls',
      'terminate',
    ),
    config: {
      webui: {
        rucio_host: `https://${host(spec, overlay, 'rucio')}`,
        rucio_auth_host: `https://${host(spec, overlay, 'rucio-auth')}`,
        hostname,
        oidc_enabled: 'False',
        oidc_providers: '',
      },
      oidc_providers: { cern: null },
    },
  };
}

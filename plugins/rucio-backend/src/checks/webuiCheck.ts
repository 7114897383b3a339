import { fetch } from 'undici';
import { toUpstreamError } from '../clients/UpstreamError';
import type { Check } from './Check';

/** The WebUI answers its front page. */
export const webuiCheck: Check<'webui'> = {
  id: 'webui',
  async run({ env, clients, signal }) {
    if (!env.webui) {
      return { status: 'unconfigured', message: 'No WebUI URL is configured.' };
    }
    const { url } = env.webui;
    const upstream = `Rucio WebUI ${url}`;
    let status: number;
    try {
      const response = await fetch(url, {
        signal,
        redirect: 'manual',
        dispatcher: clients.webDispatcher,
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      throw toUpstreamError(upstream, error, signal);
    }
    if (status >= 500) {
      return {
        status: 'error',
        message: `${upstream} answered ${status}.`,
        details: { url, statusCode: status },
      };
    }
    if (status >= 400) {
      return {
        status: 'warning',
        message: `${upstream} answered ${status}.`,
        details: { url, statusCode: status },
      };
    }
    return {
      status: 'ok',
      message: `${upstream} answered ${status}.`,
      details: { url, statusCode: status },
    };
  },
};

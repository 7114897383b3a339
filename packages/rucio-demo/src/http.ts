import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoState } from './DemoState.ts';

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => void | Promise<void>;

/**
 * Wraps a component's handler with the knobs: added latency, random 500s and
 * an outage switch. The same wrapper serves every component.
 */
export function withKnobs(
  component: string,
  state: DemoState,
  handler: Handler,
) {
  let requests = 0;
  const wrapped = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://demo');
    const { latencyMs, errorRate, outages } = state.options;
    if (latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, latencyMs));
    }
    if (outages.includes(component)) {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end(`${component} is switched off in the demo`);
      return;
    }
    if (errorRate > 0 && Math.random() < errorRate) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('injected error');
      return;
    }
    try {
      await handler(req, res, url);
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end(String(error));
    }
  };
  return Object.assign(wrapped, { requests: () => requests });
}

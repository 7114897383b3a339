// Run by scripts/bench.mjs under Backstage's Node transform: the RSE list as
// the RSE check reads it (RucioClient.listRses, every RSE kept) from a local
// server streaming N RSEs as Rucio does (application/x-json-stream), against
// the size of the body. Prints one JSON line.
import { ConfigReader } from '@backstage/config';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  RucioClient,
  type RucioRse,
} from '../../plugins/rucio-backend/src/clients/RucioClient';
import { readEnvironmentConfigs } from '../../plugins/rucio-backend/src/config/readEnvironmentConfigs';

const count = Number(process.argv[2] ?? 100_000);

/** One line as Rucio 40.4.1 writes it (fixtures/rucio-40.4.1, GET /rses/). */
const line = (i: number) =>
  `${JSON.stringify({
    rse_type: 'DISK',
    time_zone: null,
    availability_delete: true,
    deterministic: true,
    ISP: null,
    qos_class: null,
    volatile: false,
    ASN: null,
    deleted: false,
    staging_area: false,
    longitude: null,
    deleted_at: null,
    id: i.toString(16).padStart(32, '0'),
    city: null,
    latitude: null,
    created_at: 'Mon, 30 Nov 2026 09:29:19 UTC',
    region_code: null,
    availability: 7,
    updated_at: 'Mon, 30 Nov 2026 09:29:19 UTC',
    rse: `SITE_${i}_DATADISK`,
    country_name: 'CH',
    availability_read: true,
    vo: 'def',
    continent: null,
    availability_write: true,
  })}\n`;

async function main() {
  let bodyBytes = 0;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-json-stream' });
    let i = 0;
    const write = () => {
      while (i < count) {
        const chunk = line(i++);
        bodyBytes += Buffer.byteLength(chunk);
        if (!res.write(chunk)) {
          res.once('drain', write);
          return;
        }
      }
      res.end();
    };
    write();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const [env] = readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          {
            name: 'bench',
            rucio: { url: `http://127.0.0.1:${port}`, token: 'bench-token' },
          },
        ],
      },
    }),
  );
  const client = RucioClient.fromEnvironment(env, 'bench');
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const kept: RucioRse[] = [];
  const start = performance.now();
  await client.listRses(AbortSignal.timeout(600_000), rse => {
    kept.push(rse);
    if (kept.length % 1000 === 0) {
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  });
  const ms = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  server.close();
  console.log(JSON.stringify({ rses: kept.length, ms, peak, bodyBytes }));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

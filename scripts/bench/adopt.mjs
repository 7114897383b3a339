// The "adopt" row of scripts/bench.mjs: what rucio:environment:adopt asks of
// the backend (the RSE list, then the details in chunks of 100), timed with
// the Rucio requests it causes; cold (only what the rotation read is kept)
// and then warm (everything kept by the cold run), in the same run.

const CHUNK = 100;

async function adoptOnce({ port, environment, token, rucioRequests }) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const base = `http://localhost:${port}/api/rucio/environments/${environment}`;
  const before = rucioRequests();
  const started = Date.now();
  const list = await (
    await fetch(`${base}/rses?limit=1000`, { headers })
  ).json();
  const names = list.items.map(r => r.name);
  let readNow = 0;
  let declared = 0;
  let rate;
  for (let i = 0; i < names.length; i += CHUNK) {
    const answer = await (
      await fetch(`${base}/rses/details`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ rses: names.slice(i, i + CHUNK) }),
      })
    ).json();
    readNow += answer.readNow;
    declared += answer.rses.length;
    rate = answer.requestsPerMinute;
  }
  return {
    seconds: (Date.now() - started) / 1000,
    requests: rucioRequests() - before,
    rses: names.length,
    kept: list.items.filter(r => r.detailsCheckedAt).length,
    readNow,
    declared,
    rate,
  };
}

/** One table row: cold and warm adoption of every RSE of `environment`. */
export async function adoptRow(options) {
  const cold = await adoptOnce(options);
  const warm = await adoptOnce(options);
  // Four requests per RSE read, no faster than the adoption rate.
  const floor = ((4 * cold.readNow) / cold.rate) * 60;
  const ok =
    cold.declared === cold.rses &&
    cold.seconds <= 1.1 * floor + 2 &&
    warm.requests === 0 &&
    warm.declared === warm.rses;
  return [
    `adopt ${cold.rses} RSEs`,
    `cold: ${cold.kept} kept by the rotation; warm: all kept; ${cold.rate} requests/min`,
    `cold ${cold.seconds.toFixed(1)} s, ${cold.requests} Rucio requests (${
      cold.readNow
    } RSEs read); warm ${warm.seconds.toFixed(1)} s, ${
      warm.requests
    } Rucio requests`,
    `floor ${floor.toFixed(1)} s for ${4 * cold.readNow} requests at ${
      cold.rate
    }/min (${(cold.seconds / floor).toFixed(2)}×)`,
    ok
      ? 'met (cold ≤ 1.1× floor + 2 s, warm 0 requests)'
      : 'missed (cold ≤ 1.1× floor + 2 s, warm 0 requests)',
  ];
}

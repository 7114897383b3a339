import type { DemoRse, DemoState } from './DemoState.ts';
import { rucioDate } from './rucioWire.ts';

/** The demo's RSEs in Rucio's shapes: list rows, protocols, attributes. */

export function rseRow(state: DemoState, rse: DemoRse) {
  const availability =
    (rse.availabilityRead ? 4 : 0) +
    (rse.availabilityWrite ? 2 : 0) +
    (rse.availabilityDelete ? 1 : 0);
  return {
    id: rse.id,
    rse: rse.rse,
    vo: 'def',
    rse_type: rse.kind === 'TAPE' ? 'TAPE' : 'DISK',
    deterministic: true,
    volatile: false,
    staging_area: false,
    city: rse.site.city,
    region_code: null,
    country_name: rse.site.country,
    continent: null,
    time_zone: null,
    ISP: null,
    ASN: null,
    longitude: null,
    latitude: null,
    availability,
    availability_read: rse.availabilityRead,
    availability_write: rse.availabilityWrite,
    availability_delete: rse.availabilityDelete,
    qos_class: null,
    created_at: rucioDate(rse.createdAt),
    updated_at: rucioDate(state.startedAt),
    deleted: false,
    deleted_at: null,
  };
}

export function protocols(rse: DemoRse) {
  const host = `${rse.site.site.toLowerCase()}.example.org`;
  const domains = (p: number) => ({
    lan: { read: p, write: p, delete: p },
    wan: {
      read: p,
      write: p,
      delete: p,
      third_party_copy_read: p,
      third_party_copy_write: p,
    },
  });
  const protocol = (
    hostname: string,
    scheme: string,
    port: number,
    prefix: string,
    impl: string,
    priority = 1,
  ) => ({
    hostname,
    scheme,
    port,
    prefix,
    impl,
    domains: domains(priority),
    extended_attributes: null,
  });
  if (rse.kind === 'S3') {
    return [
      protocol(
        `s3.${host}`,
        'https',
        443,
        `/${rse.rse.toLowerCase()}/`,
        'rucio.rse.protocols.gfal.NoRename',
      ),
    ];
  }
  if (rse.kind === 'TAPE') {
    return [
      protocol(
        `xrootd.${host}`,
        'root',
        1094,
        `//tape/${rse.rse}/`,
        'rucio.rse.protocols.xrootd.Default',
      ),
    ];
  }
  const home = `/dpm/${host}/home/demo/${rse.rse}/`;
  return [
    protocol(
      `webdav.${host}`,
      'davs',
      443,
      home,
      'rucio.rse.protocols.gfal.Default',
    ),
    protocol(
      `xrootd.${host}`,
      'root',
      1094,
      `/${home}`,
      'rucio.rse.protocols.xrootd.Default',
      2,
    ),
  ];
}

export function attributes(rse: DemoRse) {
  const attrs: Record<string, string | boolean> = {
    [rse.rse]: true,
    city: rse.site.city,
    country: rse.site.country,
    country_name: rse.site.country,
    fts: 'https://fts3-demo.example.org:8446',
    istape: rse.kind === 'TAPE',
    site: rse.site.site,
    tier: rse.site.tier,
    type: rse.kind,
  };
  if (rse.owner) attrs.owner = rse.owner;
  if (rse.kind === 'S3') {
    attrs.sign_url = 's3';
    attrs.skip_upload_stat = true;
    attrs.verify_checksum = false;
  }
  return attrs;
}

/** The Rucio REST API (server and auth share it; they run on two ports). */

import { loadConfigSchema } from '@backstage/config-loader';
import { rucioConfigSchema } from './readEnvironmentConfigs';

type Json = { [key: string]: any };

/** Dotted key paths of a JSON schema (config.d.ts as Backstage compiles it). */
function jsonSchemaKeys(schema: Json, at = ''): string[] {
  if (schema.type === 'array' && schema.items) {
    return jsonSchemaKeys(schema.items, `${at}[]`);
  }
  const keys: string[] = [];
  for (const [key, child] of Object.entries<Json>(schema.properties ?? {})) {
    const here = at ? `${at}.${key}` : key;
    keys.push(here, ...jsonSchemaKeys(child, here));
  }
  // { [daemon: string]: {...} } maps: their values' keys under "*".
  if (
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    keys.push(...jsonSchemaKeys(schema.additionalProperties, `${at}.*`));
  }
  return keys;
}

/** Dotted key paths of a zod (v4) schema, through wrappers. */
function zodKeys(schema: any, at = ''): string[] {
  const def = schema?._zod?.def;
  switch (def?.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return zodKeys(def.innerType, at);
    case 'pipe':
      return zodKeys(def.in, at);
    case 'array':
      return zodKeys(def.element, `${at}[]`);
    case 'record':
      return zodKeys(def.valueType, `${at}.*`);
    case 'object':
      return Object.entries(def.shape).flatMap(([key, child]) => {
        const here = at ? `${at}.${key}` : key;
        return [here, ...zodKeys(child, here)];
      });
    default:
      return [];
  }
}

describe('config.d.ts and the start-up validation', () => {
  it('declare the same keys under rucio', async () => {
    // The frontend plugin declares `rucio.ui`, which this backend validates.
    const packages = [
      '@rucio-portal/plugin-rucio-backend',
      '@rucio-portal/plugin-rucio',
    ];
    const schema = await loadConfigSchema({ dependencies: packages });
    const { schemas } = schema.serialize() as {
      schemas: Array<{ packageName: string; value: Json }>;
    };
    const fromDts = packages
      .flatMap(name =>
        jsonSchemaKeys(
          schemas.find(s => s.packageName === name)!.value.properties.rucio,
        ),
      )
      .sort();
    const fromZod = zodKeys(rucioConfigSchema).sort();
    expect(fromDts.length).toBeGreaterThan(50);
    expect(fromDts).toEqual(fromZod);
  }, 60_000);
});

// A store as plain data for crossing threads and files. To a worker's parent the columns'
// buffers are copied by postMessage; in a shard's partial-result file they are base64 text.
// The bytes are the platform's (little-endian on every machine Node supports in practice),
// which the partial file records so a part from another byte order is refused rather than
// misread.
import { ScenarioStore, type ScenarioStoreData } from './scenario-store.js';

export const BYTE_ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

/** JSON text of stores, each column's bytes as base64. */
export function storesToJson(stores: readonly ScenarioStore[]): unknown {
  return JSON.parse(
    JSON.stringify(
      stores.map((store) => store.toData()),
      (_key, value) =>
        value instanceof ArrayBuffer ? { base64: Buffer.from(value).toString('base64') } : value,
    ),
  );
}

/** The inverse of storesToJson; throws on anything that is not such data. */
export function storesFromJson(value: unknown): ScenarioStore[] {
  const revived = JSON.parse(JSON.stringify(value), (_key, item) => {
    if (item !== null && typeof item === 'object' && typeof item.base64 === 'string') {
      const bytes = Buffer.from(item.base64, 'base64');
      const buffer = new ArrayBuffer(bytes.length);
      new Uint8Array(buffer).set(bytes);
      return buffer;
    }
    return item;
  }) as ScenarioStoreData[];
  return revived.map((data) => ScenarioStore.fromData(data));
}

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

/** Where a column's bytes went when its store was written in sections: their index and size. */
export interface SectionRef {
  section: number;
  bytes: number;
}

/**
 * Stores as JSON data whose columns' bytes are left out, each replaced by a reference to a
 * section numbered from `firstSection` in the order met; the bytes are returned beside it.
 * A part file writes the bytes after the data, in pieces, so no store is ever one string.
 */
export function storesToSections(
  stores: readonly ScenarioStore[],
  firstSection: number,
): { data: unknown[]; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const data = stores.map((store) =>
    detachBuffers(store.toData(), (buffer) => {
      buffers.push(buffer);
      return { section: firstSection + buffers.length - 1, bytes: buffer.byteLength };
    }),
  );
  return { data, buffers };
}

function detachBuffers(value: unknown, detach: (buffer: ArrayBuffer) => SectionRef): unknown {
  if (value instanceof ArrayBuffer) return detach(value);
  if (Array.isArray(value)) return value.map((item) => detachBuffers(item, detach));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = detachBuffers(item, detach);
  return copy;
}

/** Every section reference in `value` (a store's data from storesToSections), as met. */
export function sectionRefs(value: unknown, found: SectionRef[] = []): SectionRef[] {
  if (Array.isArray(value)) for (const item of value) sectionRefs(item, found);
  else if (value !== null && typeof value === 'object') {
    if (isSectionRef(value)) found.push(value);
    else for (const item of Object.values(value)) sectionRefs(item, found);
  }
  return found;
}

function isSectionRef(value: object): value is SectionRef {
  return 'section' in value && 'bytes' in value && Object.keys(value).length === 2;
}

/** The inverse of storesToSections: `buffers[k]` holds section k's bytes; throws on bad data. */
export function storesFromSections(
  data: unknown,
  buffers: readonly ArrayBuffer[],
): ScenarioStore[] {
  const attach = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(attach);
    if (value === null || typeof value !== 'object') return value;
    if (isSectionRef(value)) {
      const buffer = buffers[value.section];
      if (buffer?.byteLength !== value.bytes)
        throw new Error(`store: section ${value.section} is missing`);
      return buffer;
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = attach(item);
    return copy;
  };
  if (!Array.isArray(data)) throw new Error('store: not a list of stores');
  return data.map((store) => ScenarioStore.fromData(attach(store) as ScenarioStoreData));
}

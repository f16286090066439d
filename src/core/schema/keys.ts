/**
 * A collection's key as IIS computes it: its unique or combined key attributes (defaults filling absent ones),
 * compared case-insensitively unless every key attribute is caseSensitive. Shared by duplicate-collection-entry
 * and the effective configuration.
 */
import type { CollectionSchema } from './types';
import type { XmlAttribute } from '../xml/types';

export interface CollectionKeys {
  names: string[];
  caseSensitive: boolean;
  defaults: (string | undefined)[];
}

/** Collections the profiles give no key whose duplicates the checker always reported (HttpPlatformHandler reads one value per name). */
const LEGACY_KEYS: Record<string, string> = { environmentVariable: 'name' };

const KEYS = new WeakMap<CollectionSchema, CollectionKeys | null>();

/** The collection's key attributes (computed once per schema collection: big files have many instances); undefined when it has none. */
export function collectionKeys(c: CollectionSchema): CollectionKeys | undefined {
  let k = KEYS.get(c);
  if (k === undefined) KEYS.set(c, (k = computeKeys(c) ?? null));
  return k ?? undefined;
}

function computeKeys(c: CollectionSchema): CollectionKeys | undefined {
  if (c.allowDuplicates) return undefined;
  const keys = [...c.item.attributes.values()].filter((a) => a.isUniqueKey || a.isCombinedKey);
  if (!keys.length) {
    const legacy = LEGACY_KEYS[c.addElements[0] ?? ''];
    return legacy ? { names: [legacy], caseSensitive: false, defaults: [undefined] } : undefined;
  }
  return { names: keys.map((k) => k.name), caseSensitive: keys.every((k) => k.caseSensitive), defaults: keys.map((k) => k.defaultValue) };
}

/** The key of one item (`\0` joins combined parts), and its first key attribute; undefined when a single key is absent. */
export function keyOf(item: { attributes: XmlAttribute[] }, k: CollectionKeys): { key: string; attr: XmlAttribute | undefined } | undefined {
  const parts: string[] = [];
  let first: XmlAttribute | undefined;
  for (let i = 0; i < k.names.length; i++) {
    const a = item.attributes.find((x) => x.name === k.names[i]);
    if (!a && k.defaults[i] === undefined && k.names.length === 1) return undefined;
    first ??= a;
    const v = (a?.value ?? k.defaults[i] ?? '').trim();
    parts.push(k.caseSensitive ? v : v.toLowerCase());
  }
  return { key: parts.join('\u0000'), attr: first };
}

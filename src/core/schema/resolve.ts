/**
 * From loaded schema files to the schema a check runs with. Definitions of one section are merged (IIS merges a
 * later file's `<sectionSchema>` of the same name into the earlier one: that is how modules extend a section);
 * in profiles, definitions and attributes tagged with versions are kept only when the target has one of them,
 * and what is left out is remembered so a finding can name the version that has it.
 */
import { isLazySection } from './hostLoader';
import type { ElementSchema, Schema, SchemaFile, SectionSchema } from './types';

export function inTarget(versions: string[] | undefined, target: ReadonlySet<string>): boolean {
  return !versions || versions.some((v) => target.has(v));
}

function addElsewhere(el: ElementSchema, name: string, versions: string[] | undefined): void {
  if (!versions?.length) return;
  el.elsewhere ??= new Map();
  const list = el.elsewhere.get(name) ?? [];
  for (const v of versions) if (!list.includes(v)) list.push(v);
  el.elsewhere.set(name, list);
}

/** A deep copy of `src` with what the target lacks left out (and recorded in `elsewhere`). */
function filtered(src: ElementSchema, target: ReadonlySet<string>): ElementSchema {
  const out: ElementSchema = { ...src, attributes: new Map(), elements: new Map(), elsewhere: undefined };
  for (const [name, a] of src.attributes) {
    if (inTarget(a.versions, target)) out.attributes.set(name, a);
    else addElsewhere(out, name, a.versions);
  }
  for (const [name, e] of src.elements) {
    if (inTarget(e.versions, target)) out.elements.set(name, filtered(e, target));
    else addElsewhere(out, name, e.versions);
  }
  if (src.collection) out.collection = { ...src.collection, item: filtered(src.collection.item, target) };
  return out;
}

/** Merges `add` into `into` (attributes and elements `into` lacks; a collection when it has none). */
function merge(into: ElementSchema, add: ElementSchema): void {
  for (const [name, a] of add.attributes) if (!into.attributes.has(name)) into.attributes.set(name, a);
  for (const [name, e] of add.elements) {
    const have = into.elements.get(name);
    if (have) merge(have, e);
    else into.elements.set(name, e);
  }
  if (add.collection && !into.collection) into.collection = add.collection;
  else if (add.collection && into.collection) merge(into.collection.item, add.collection.item);
  into.allowUnrecognizedAttributes ||= add.allowUnrecognizedAttributes;
  into.opaque = into.opaque && add.opaque;
}

/** What a definition of another version has that the chosen one lacks. */
function recordOther(chosen: ElementSchema, other: ElementSchema, versions: string[]): void {
  for (const [name, a] of other.attributes) if (!chosen.attributes.has(name) && !chosen.elsewhere?.has(name)) addElsewhere(chosen, name, a.versions ?? versions);
  for (const [name, e] of other.elements) {
    const have = chosen.elements.get(name);
    if (have) recordOther(have, e, e.versions ?? versions);
    else if (!chosen.elsewhere?.has(name)) addElsewhere(chosen, name, e.versions ?? versions);
  }
  if (chosen.collection && other.collection) recordOther(chosen.collection.item, other.collection.item, versions);
}

export function resolveSchema(files: SchemaFile[], origin: Schema['origin'], targetTokens: readonly string[] = []): Schema {
  const target = new Set(targetTokens);
  const chosen = new Map<string, SectionSchema>();
  const others: SectionSchema[] = [];
  // A host file's section whose body is read on first use (hostLoader.ts) has no version tags, so filtering would
  // only copy it: it is shared as it is (not read now), and copied only when a second definition is merged into it.
  const shared = new Set<SectionSchema>();
  for (const file of files) {
    for (const s of file.sections) {
      if (!inTarget(s.versions, target)) {
        others.push(s);
        continue;
      }
      let have = chosen.get(s.path);
      if (!have && isLazySection(s)) {
        chosen.set(s.path, s);
        shared.add(s);
        continue;
      }
      const f = filtered(s, target) as SectionSchema;
      if (have && shared.has(have)) {
        shared.delete(have);
        chosen.set(s.path, (have = filtered(have, target) as SectionSchema));
      }
      if (have) merge(have, f);
      else chosen.set(s.path, f);
    }
  }
  const elsewhere = new Map<string, string[]>();
  for (const o of others) {
    const have = chosen.get(o.path);
    if (have) recordOther(have, o, o.versions ?? []);
    else elsewhere.set(o.path, [...(elsewhere.get(o.path) ?? []), ...(o.versions ?? [])]);
  }
  const groups = new Set<string>();
  for (const path of [...chosen.keys(), ...elsewhere.keys()]) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) groups.add(path.slice(0, i));
  }
  return { origin, sections: chosen, groups, target: [...targetTokens], elsewhere };
}

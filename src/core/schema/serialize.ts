/**
 * A compact JSON form of loaded schema files, so the bundled profiles are read at build time (scripts/build.mjs
 * runs the same loader over schema/profiles/*.xml) and cost only JSON.parse and object creation at run time.
 * decodeSchemaFiles(encodeSchemaFiles(x)) deep-equals x (test/unit/schemaProfileData.test.ts).
 */
import type { AttributeSchema, AttributeType, CollectionSchema, ElementSchema, SchemaFile, SectionSchema, Validator } from './types';

/** Attribute: name, type (omitted: string), default, flag bits, enum/flags values, validator, versions. */
interface AttrData { n: string; t?: AttributeType; d?: string; f?: number; e?: [string, number | null][]; v?: Validator; r?: string[] }
interface CollData { k: string[]; rm?: string; cl?: string; dup?: 1; ma?: 0; i: ElemData }
interface ElemData { n: string; a?: AttrData[]; e?: ElemData[]; c?: CollData; u?: 1; r?: string[]; o?: 1 }
interface SectData extends ElemData { p: string; d?: SectionSchema['allowDefinition']; m?: SectionSchema['overrideModeDefault'] }
export interface SchemaFileData { s: string; x: SectData[]; r?: string[]; p: string[] }

const FLAGS = ['required', 'isUniqueKey', 'isCombinedKey', 'caseSensitive', 'expanded', 'encrypted'] as const;

function encAttr(a: AttributeSchema): AttrData {
  const o: AttrData = { n: a.name };
  if (a.type !== 'string') o.t = a.type;
  if (a.defaultValue !== undefined) o.d = a.defaultValue;
  let f = 0;
  FLAGS.forEach((k, i) => { if (a[k]) f |= 1 << i; });
  if (f) o.f = f;
  if (a.values.length) o.e = a.values.map((v) => [v.name, Number.isNaN(v.value) ? null : v.value]);
  if (a.validator) o.v = a.validator; // ±Infinity becomes null in JSON; decAttr restores it
  if (a.versions) o.r = a.versions;
  return o;
}

function encElem(el: ElementSchema): ElemData {
  const o: ElemData = { n: el.name };
  if (el.attributes.size) o.a = [...el.attributes.values()].map(encAttr);
  if (el.elements.size) o.e = [...el.elements.values()].map(encElem);
  if (el.collection) {
    const c = el.collection;
    o.c = { k: c.addElements, i: encElem(c.item) };
    if (c.removeElement !== undefined) o.c.rm = c.removeElement;
    if (c.clearElement !== undefined) o.c.cl = c.clearElement;
    if (c.allowDuplicates) o.c.dup = 1;
    if (!c.mergeAppend) o.c.ma = 0;
  }
  if (el.allowUnrecognizedAttributes) o.u = 1;
  if (el.versions) o.r = el.versions;
  if (el.opaque) o.o = 1;
  return o;
}

export function encodeSchemaFiles(files: SchemaFile[]): SchemaFileData[] {
  return files.map((f) => {
    const o: SchemaFileData = {
      s: f.source,
      x: f.sections.map((s) => {
        const d: SectData = { ...encElem(s), p: s.path };
        if (s.allowDefinition) d.d = s.allowDefinition;
        if (s.overrideModeDefault) d.m = s.overrideModeDefault;
        return d;
      }),
      p: f.problems,
    };
    if (f.versions) o.r = f.versions;
    return o;
  });
}

const num = (v: number | null, ifNull: number) => (v === null ? ifNull : v);

function decValidator(v: Validator | undefined): Validator | undefined {
  if (v?.kind === 'integerRange') return { kind: 'integerRange', min: num(v.min, -Infinity), max: num(v.max, Infinity), exclude: v.exclude };
  if (v?.kind === 'timeSpanRange') return { kind: 'timeSpanRange', min: num(v.min, -Infinity), max: num(v.max, Infinity), granularity: v.granularity };
  return v;
}

function decAttr(a: AttrData): AttributeSchema {
  const f = a.f ?? 0;
  return {
    name: a.n, type: a.t ?? 'string', defaultValue: a.d,
    required: (f & 1) !== 0, isUniqueKey: (f & 2) !== 0, isCombinedKey: (f & 4) !== 0, caseSensitive: (f & 8) !== 0,
    expanded: (f & 16) !== 0, encrypted: (f & 32) !== 0,
    values: a.e ? a.e.map(([name, value]) => ({ name, value: value === null ? NaN : value })) : [],
    validator: decValidator(a.v), versions: a.r,
  };
}

/** Fills the element fields of `el` (the same keys, in the same order, as the loader's). */
function decElem<T extends ElementSchema>(d: ElemData, el: T): T {
  if (d.a) for (const a of d.a) el.attributes.set(a.n, decAttr(a));
  if (d.e) for (const e of d.e) el.elements.set(e.n, decElem(e, newElem(e)));
  if (d.c) {
    const c: CollectionSchema = {
      addElements: d.c.k, removeElement: d.c.rm, clearElement: d.c.cl, allowDuplicates: d.c.dup === 1, mergeAppend: d.c.ma !== 0,
      allowUnrecognizedAttributes: d.c.i.u === 1, item: decElem(d.c.i, newElem(d.c.i)),
    };
    el.collection = c;
  }
  if (d.o) el.opaque = true;
  return el;
}

function newElem(d: ElemData): ElementSchema {
  return { name: d.n, attributes: new Map(), elements: new Map(), allowUnrecognizedAttributes: d.u === 1, versions: d.r };
}

export function decodeSchemaFiles(data: SchemaFileData[]): SchemaFile[] {
  return data.map((f) => ({
    source: f.s,
    sections: f.x.map((s) => {
      const sec: SectionSchema = { ...newElem(s), path: s.p, versions: s.r };
      if (s.d) sec.allowDefinition = s.d;
      if (s.m) sec.overrideModeDefault = s.m;
      return decElem(s, sec);
    }),
    versions: f.r,
    problems: f.p,
  }));
}

/**
 * A host's schema file (IIS_schema.xml and the rest of %windir%\System32\inetsrv\config\schema), read for a fast
 * first load. fast-xml-parser's attribute handling is most of the cost of reading a whole 100 KB file (measured: the
 * same file parsed with attributes ignored costs a third), and a check uses a handful of its ~150 sections. So the
 * file is parsed once with every `<sectionSchema>` kept as raw text (a stop node: its name is read, its body is not),
 * and a section's body is parsed by the same loader as the profiles the first time anything reads its attributes,
 * elements or collection. The sections behave like eagerly loaded ones (deep-equal once read).
 *
 * What this changes: a problem inside a section's body (an `<attribute>` without a name, XML that is not
 * well-formed inside one section) is found when that section is first read, and appended to the file's `problems`
 * then. Host files never carry our `flaskIis:` meta-attributes, so they are not looked for here.
 */
import { XMLParser } from 'fast-xml-parser';
import { attrsOf, emptyElement, kids, PARSER, PARSER_OPTIONS, readBody, tagOf } from './loader';
import type { ElementSchema, SchemaFile, SectionSchema } from './types';

const INDEX_PARSER = new XMLParser({ ...PARSER_OPTIONS, stopNodes: ['configSchema.sectionSchema'] });

const LAZY = ['attributes', 'elements', 'collection'] as const;
const lazySections = new WeakSet<SectionSchema>();

/** A section whose body is read on first use, not yet copied (resolve.ts shares it instead of copying it). */
export function isLazySection(s: SectionSchema): boolean {
  return lazySections.has(s);
}

/** Whether a lazily loaded section's body has been read yet (tests). */
export function isSectionBodyRead(s: SectionSchema): boolean {
  return !Object.getOwnPropertyDescriptor(s, 'attributes')?.get;
}

function lazySection(path: string, attrs: Record<string, string>, body: string, problems: string[], where: string): SectionSchema {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const head = emptyElement(name, attrs, false);
  const section = { name, path, allowUnrecognizedAttributes: head.allowUnrecognizedAttributes, versions: undefined } as SectionSchema;
  const read = () => {
    if (isSectionBodyRead(section)) return;
    const el: ElementSchema = emptyElement(name, attrs, false);
    if (body.trim()) {
      try {
        readBody(el, { sectionSchema: PARSER.parse(body) as unknown }, 'sectionSchema', { problems, meta: false }, where);
      } catch (e) {
        problems.push(`${where}: not well-formed XML (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    for (const k of LAZY) {
      if (el[k] === undefined) delete (section as Partial<SectionSchema>)[k];
      else Object.defineProperty(section, k, { value: el[k], writable: true, enumerable: true, configurable: true });
    }
  };
  for (const k of LAZY) {
    Object.defineProperty(section, k, {
      enumerable: true, configurable: true,
      get: () => (read(), section[k]),
      set: (v: unknown) => {
        read();
        Object.defineProperty(section, k, { value: v, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  lazySections.add(section);
  return section;
}

/** Parses one host schema file's text, each section's body on first use. `source` names it in problems. */
export function loadHostSchemaText(text: string, source: string): SchemaFile {
  const problems: string[] = [];
  let nodes: Record<string, unknown>[];
  try {
    nodes = INDEX_PARSER.parse(text) as Record<string, unknown>[];
  } catch (e) {
    return { source, sections: [], problems: [`${source}: not well-formed XML (${e instanceof Error ? e.message : String(e)})`] };
  }
  const root = nodes.find((n) => tagOf(n) === 'configSchema');
  if (!root) return { source, sections: [], problems: [`${source}: no <configSchema> root`] };
  const sections: SectionSchema[] = [];
  for (const child of kids(root, 'configSchema')) {
    if (tagOf(child) !== 'sectionSchema') continue;
    const a = attrsOf(child);
    const path = a['name'];
    if (!path) {
      problems.push(`${source}: a <sectionSchema> without a name`);
      continue;
    }
    const text = kids(child, 'sectionSchema')[0]?.['#text'];
    sections.push(lazySection(path, a, typeof text === 'string' ? text : '', problems, `${source}:${path}`));
  }
  return { source, sections, problems };
}

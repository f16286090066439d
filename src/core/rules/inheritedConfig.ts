/**
 * The configuration the checked file inherits, merged as IIS merges it (schema/effective.ts): the host's
 * applicationHost.config when known, then the parent folders' web.config files with their <location> blocks
 * that target this folder. Computed once per check (and reused while the inputs stay the same: an editor
 * re-checks on every keystroke, the parents rarely change).
 */
import { mergeConfiguration, type ConfigLayer, type MCollection, type Merged } from '../schema/effective';
import type { Schema } from '../schema/types';
import type { RuleContext } from './context';
import { hostOf } from './hostEnv';
import { schemaOf } from './schemaScope';

/** The layers above the checked file (apphost first, parents outermost first). */
export function inheritedLayers(ctx: RuleContext): ConfigLayer[] {
  const host = hostOf(ctx);
  const layers: ConfigLayer[] = host ? [{ path: host.path, text: host.text, kind: 'apphost' }] : [];
  for (const p of ctx.options.parents ?? []) layers.push({ path: p.path, text: p.text, kind: 'web.config', below: p.below ?? '' });
  return layers;
}

let last: { schema: Schema; layers: ConfigLayer[]; site: string | undefined; merged: Merged } | undefined;

const same = (a: ConfigLayer[], b: ConfigLayer[]) => a.length === b.length && a.every((l, i) => l.path === b[i]!.path && l.kind === b[i]!.kind && l.below === b[i]!.below && l.text === b[i]!.text);

/** What the layers above leave in force; undefined when there are none. */
export function inheritedConfig(ctx: RuleContext): Merged | undefined {
  const layers = inheritedLayers(ctx);
  if (!layers.length) return undefined;
  const schema = schemaOf(ctx);
  const site = ctx.options.site;
  const key = site ? `${site.path}\u0000${site.applications?.join('|') ?? ''}` : undefined;
  if (last && last.schema === schema && last.site === key && same(last.layers, layers)) return last.merged;
  const merged = mergeConfiguration(layers, schema, site);
  last = { schema, layers, site: key, merged };
  return merged;
}

/** The inherited collection at a section and an element path inside it (`/customHeaders`; '' for the section). */
export function inheritedCollection(merged: Merged | undefined, section: string, path: string): MCollection | undefined {
  let el = merged?.sections.get(section) as { children: Map<string, unknown>; coll?: MCollection } | undefined;
  for (const name of path.split('/').filter(Boolean)) el = el?.children.get(name) as typeof el;
  return el?.coll;
}

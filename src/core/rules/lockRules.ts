/**
 * config-section-locked, for the locks above the checked file that are not whole sections by default (those are
 * schemaPlacement.ts's): an attribute in lockAttributes / outside lockAllAttributesExcept, an element in
 * lockElements, a <remove>/<clear/> of a lockItem entry, a section under a parent's <location overrideMode="Deny">.
 * Exact (the host's or a parent's own lock): an error, with the lock as the related location.
 */
import type { RelatedLocation } from '../findings';
import type { MessageArgs, MessageKey } from '../messages';
import { mergeConfiguration, type ConfigLayer, type Origin, type Violation } from '../schema/effective';
import { LineIndex } from '../text/lineIndex';
import type { Rule } from './context';
import { inheritedLayers } from './inheritedConfig';
import { schemaOf } from './schemaScope';

const LOCKS = /lock(Attributes|AllAttributesExcept|Elements|AllElementsExcept|Item)\s*=|overrideMode\s*=\s*["']Deny|allowOverride\s*=\s*["']false/;
const SELF = '\u0000checked file';

export const lockViolations: Rule = (ctx) => {
  const layers = inheritedLayers(ctx);
  if (!layers.some((l) => LOCKS.test(l.text))) return;
  const merged = mergeConfiguration([...layers, { path: SELF, text: ctx.text, kind: 'web.config', below: '' }], schemaOf(ctx), ctx.options.site);
  for (const v of merged.violations) {
    if (v.at.file !== SELF || !v.lockedAt || v.lockedAt.file === SELF || (v.kind === 'section' && v.reason !== 'location')) continue;
    const start = ctx.lines().offsetAt({ line: v.at.line - 1, character: v.at.column - 1 });
    const name = /^[^\s/>=]+/.exec(ctx.text.slice(start, start + 200))?.[0] ?? '';
    const layer = layers.find((l) => l.path === v.lockedAt!.file);
    const related: RelatedLocation[] = layer ? [{ path: layer.path, text: layer.text, ...spanIn(layer, v.lockedAt), messageKey: 'related.lockedHere' }] : [];
    const { key, args } = describe(v, name);
    ctx.report('config-section-locked', start, start + name.length, key, { ...args, file: v.lockedAt.file, line: v.lockedAt.line }, related, 'error');
  }
};

function describe(v: Violation, name: string): { key: MessageKey; args: MessageArgs } {
  if (v.kind === 'attribute') {
    const [element, attr] = v.name.split('@');
    return { key: 'schema.attributeLocked', args: { name: attr ?? name, element: element ?? '' } };
  }
  if (v.kind === 'element') {
    const [element, child] = v.name.split('/');
    return { key: 'schema.elementLocked', args: { name: child ?? name, element: element ?? '' } };
  }
  if (v.kind === 'item') return { key: 'schema.itemLocked', args: { label: v.name, name } };
  return { key: 'schema.sectionLockedParent', args: { path: v.section, name } };
}

const LINES = new WeakMap<ConfigLayer, LineIndex>();

function spanIn(layer: ConfigLayer, o: Origin): { start: number; end: number } {
  let lines = LINES.get(layer);
  if (!lines) LINES.set(layer, (lines = new LineIndex(layer.text)));
  const start = lines.offsetAt({ line: o.line - 1, character: o.column - 1 });
  const name = /^[^\s/>=]+/.exec(layer.text.slice(start, start + 200))?.[0] ?? '';
  return { start, end: start + name.length };
}


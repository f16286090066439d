/** Quick fixes for the schema-driven findings: case slips renamed, invalid values replaced, version-only attributes removed. */
import { escapeAttribute } from '../xml/escape';
import type { Fix, FixContext } from './fixTypes';
import { removeAttribute, removeElement, renameElement } from './textEdits';

const one = (title: Fix['title'], edits: Fix['edits'], isPreferred = true): Fix[] => [{ title, edits, isPreferred }];

/** config-attribute-unknown: a case slip renamed to the schema's spelling (`fixed` is set only when that is safe). */
export function renameAttribute(c: FixContext): Fix[] {
  const name = String(c.finding.args['fixed'] ?? '');
  if (!name) return [];
  return one({ key: 'fix.renameAttributeTo', args: { name } }, [{ start: c.finding.start, end: c.finding.end, newText: name }]);
}

/** config-element-unknown / config-section-unknown: a case slip renamed (start and end tag). */
export function renameElementFix(c: FixContext): Fix[] {
  const name = String(c.finding.args['fixed'] ?? '');
  const el = c.element;
  if (!name || !el || el.nameStart !== c.finding.start) return [];
  return one({ key: 'fix.renameTo', args: { name } }, renameElement(c.text, el, name));
}

/** config-value-invalid: the nearest valid value, escaped for the attribute's own quote. */
export function replaceValue(c: FixContext): Fix[] {
  const value = String(c.finding.args['fixed'] ?? '');
  const quote = c.text[c.finding.start - 1];
  if (!value || (quote !== '"' && quote !== "'") || c.text[c.finding.end] !== quote) return [];
  return one({ key: 'fix.useValue', args: { value } }, [{ start: c.finding.start, end: c.finding.end, newText: escapeAttribute(value, quote) }]);
}

/** config-not-in-target: remove what the target does not have (not preferred: retargeting may be the answer). */
export function removeNotInTarget(c: FixContext): Fix[] {
  const el = c.element;
  if (!el) return [];
  const a = el.attributes.find((x) => x.nameStart === c.finding.start);
  if (a) return one({ key: 'fix.removeAttributeNamed', args: { name: a.name } }, [removeAttribute(c.text, a)], false);
  if (el.nameStart === c.finding.start) return one({ key: 'fix.removeSection', args: { name: el.name } }, [removeElement(c.text, el)], false);
  return [];
}

/**
 * The appSettings keys already in force where the cursor is: the parents' (IIS merges their <appSettings> into
 * this folder's) and this file's own <add key>, with <remove key> and <clear/> applied in document order. A key
 * added twice to the merged collection is HTTP 500.19 ("Cannot add duplicate collection entry"), so completion
 * never offers one of these. The `<add>` whose start tag holds the cursor is the one being edited: not counted.
 */
import { attr, buildWebConfig, type WebConfig } from '../model/webConfig';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';

/** Applies one configuration's <appSettings> sections to `keys` (upper-cased), skipping the element at `editing`. */
function applySections(model: WebConfig, keys: Set<string>, editing?: number): void {
  for (const section of model.appSettingsSections) {
    for (const child of section.children) applyEntry(child, keys, editing);
  }
}

function applyEntry(el: XmlElement, keys: Set<string>, editing?: number): void {
  if (editing !== undefined && el.start <= editing && editing < el.openEnd) return;
  const key = attr(el, 'key')?.value.trim().toUpperCase();
  if (el.name === 'clear') keys.clear();
  else if (el.name === 'remove' && key) keys.delete(key);
  else if (el.name === 'add' && key) keys.add(key);
}

/** The keys the parents' web.config files leave in force (outermost first), upper-cased. */
export function inheritedSettingKeys(parentTexts: string[]): string[] {
  const keys = new Set<string>();
  for (const text of parentTexts) applySections(buildWebConfig(scanXml(text)), keys);
  return [...keys];
}

/** Keys in force at `offset` of `text` (upper-cased), the parents' included. */
export function presentSettingKeys(text: string, offset: number, inherited: readonly string[] = []): Set<string> {
  const keys = new Set(inherited.map((k) => k.toUpperCase()));
  applySections(buildWebConfig(scanXml(text)), keys, offset);
  return keys;
}

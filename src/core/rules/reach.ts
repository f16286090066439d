/**
 * Which handlers IIS can ever choose. IIS walks a `<handlers>` collection in order and takes the first entry whose
 * path, verb (and resourceType) match; a second `path="*"` entry after one that takes every verb is never reached.
 */
import { attrValue, isFastCgiHandler, isHttpPlatformHandler, sectionElements, type WebConfig } from '../model/webConfig';
import type { XmlElement } from '../xml/types';

/** Dead handler → the earlier entry that takes all its requests. */
const cache = new WeakMap<WebConfig, Map<XmlElement, XmlElement>>();

export function shadowedHandlers(model: WebConfig): Map<XmlElement, XmlElement> {
  let dead = cache.get(model);
  if (dead) return dead;
  dead = new Map();
  for (const section of sectionElements(model.scopes, ['system.webServer', 'handlers'])) collect(section, dead);
  cache.set(model, dead);
  return dead;
}

/** The handlers of the file that IIS can reach (every handler but the shadowed ones), in document order. */
export function liveHandlers(model: WebConfig): XmlElement[] {
  const dead = shadowedHandlers(model);
  return dead.size ? model.handlers.filter((h) => !dead.has(h)) : model.handlers;
}

/**
 * Walks one `<handlers>` collection in order. The entries in force are kept in an insertion-ordered map by name
 * (a remove is O(1)), and only the ones that can take every request (`path="*"`, resourceType Unspecified) are
 * searched for the first that takes all of a later `path="*"` entry's requests: linear for many handlers.
 */
function collect(section: XmlElement, dead: Map<XmlElement, XmlElement>): void {
  const live = new Map<string, XmlElement>();
  const catchAll = new Map<string, XmlElement>();
  for (const item of section.children) {
    if (item.name === 'clear') {
      live.clear();
      catchAll.clear();
    } else if (item.name === 'remove') {
      const name = key(item);
      live.delete(name);
      catchAll.delete(name);
    } else if (item.name === 'add') {
      // A second entry of the same name is duplicate-collection-entry (500.19), not a dead handler.
      const name = key(item);
      if (live.has(name)) continue;
      if (isStar(item)) {
        let first: XmlElement | undefined;
        for (const h of catchAll.values()) {
          if (takesAll(h, item)) {
            first = h;
            break;
          }
        }
        if (first && (isBridge(first) || isBridge(item))) dead.set(item, first);
        if (takesAllResources(item)) catchAll.set(name, item);
      }
      live.set(name, item);
    }
  }
}

const isStar = (h: XmlElement) => attrValue(h, 'path')?.trim() === '*';
const takesAllResources = (h: XmlElement) => (attrValue(h, 'resourceType') ?? 'Unspecified').trim().toLowerCase() === 'unspecified';

/**
 * A handler's name as a collection key: case-sensitive (IIS_schema.xml declares handlers' name caseSensitive="true"),
 * so `<remove name="python fastcgi"/>` leaves "Python FastCGI" in force and the two names are two entries.
 */
export const handlerKey = (s: string | undefined) => (s ?? '').trim();
const key = (el: XmlElement) => handlerKey(attrValue(el, 'name'));
const isBridge = (h: XmlElement) => isFastCgiHandler(h) || isHttpPlatformHandler(h);

function verbs(h: XmlElement): Set<string> | 'all' {
  const v = (attrValue(h, 'verb') ?? '*').split(',').map((x) => x.trim().toUpperCase()).filter(Boolean);
  return v.includes('*') || !v.length ? 'all' : new Set(v);
}

/** True when `first` (earlier) matches every request `later` could match: both `path="*"`, every verb, same preCondition. */
function takesAll(first: XmlElement, later: XmlElement): boolean {
  if (!isStar(first) || !isStar(later) || !takesAllResources(first)) return false;
  const pre = (h: XmlElement) => (attrValue(h, 'preCondition') ?? '').replace(/\s+/g, '').toLowerCase();
  if (pre(first) && pre(first) !== pre(later)) return false;
  const a = verbs(first);
  const b = verbs(later);
  if (a === 'all') return true;
  return b !== 'all' && [...b].every((v) => a.has(v));
}


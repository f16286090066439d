/**
 * Configuration inheritance: IIS merges the web.config files of parent folders into a sub-folder's. A sub-folder
 * file is judged with what its parents add (handlers) and with the application folder's settings (wfastcgi reads
 * appSettings only from the IIS application's own web.config, never from a sub-folder's).
 */
import { attrValue, envSetting, isFastCgiHandler, isHttpPlatformHandler, sectionElements, type AppSetting, type WebConfig } from '../model/webConfig';
import { normLocation } from '../schema/effective';
import type { XmlElement } from '../xml/types';
import type { RuleContext } from './context';
import { handlerKey } from './reach';

export interface InheritedHandler {
  name: string;
  element: XmlElement;
  /** The file that adds it; undefined for the checked file itself. */
  path?: string;
  text?: string;
  bridge: boolean;
}

/** True when the checked file is judged as a sub-folder file (its parents' configurations are known). */
export function isSubFolder(ctx: RuleContext): boolean {
  return ctx.parents().length > 0;
}

/** The handlers the parents leave in force for this folder (their removes and clears applied), in order. */
export function inheritedHandlers(ctx: RuleContext): InheritedHandler[] {
  let list: InheritedHandler[] = [];
  const below = new Map((ctx.options.parents ?? []).map((p) => [p.path, p.below]));
  for (const p of ctx.parents()) {
    for (const section of rootHandlerSections(p.model)) list = apply(list, section, p.path, p.text);
    // Its <location path> blocks for this folder (or a folder above it) come after its own sections, shallowest first.
    for (const section of locationHandlerSections(p.model, below.get(p.path))) list = apply(list, section, p.path, p.text);
  }
  return list;
}

/** `<handlers>` of a file's `<location path>` blocks that apply to the folder `below` it (`api`, `api/v1`), shallowest first. */
export function locationHandlerSections(model: WebConfig, below: string | undefined): XmlElement[] {
  const target = normLocation(below);
  if (!target) return [];
  const scopes = model.scopes
    .filter((s) => s.name === 'location')
    .map((s) => ({ s, p: normLocation(attrValue(s, 'path')) }))
    .filter(({ p }) => p !== '' && (p === target || target.startsWith(p + '/')))
    .sort((a, b) => a.p.split('/').length - b.p.split('/').length);
  return scopes.flatMap(({ s }) => sectionElements([s], ['system.webServer', 'handlers']));
}

/** `<handlers>` that apply to the file's own folder: under <configuration>, or under <location path="" or "."> . */
export function rootHandlerSections(model: WebConfig): XmlElement[] {
  const scopes = model.scopes.filter((s) => s.name === 'configuration' || ['', '.'].includes((attrValue(s, 'path') ?? '').trim()));
  return sectionElements(scopes, ['system.webServer', 'handlers']);
}

export function apply(list: InheritedHandler[], section: XmlElement, path?: string, text?: string): InheritedHandler[] {
  return new HandlerList(list).applyAll(section.children, path, text).list();
}

/**
 * A handler collection as IIS builds it, entry by entry: names are unique (an `<add>` replaces an entry of the
 * same name and goes last, a `<remove>` takes one out), kept in an insertion-ordered map so each entry costs O(1)
 * (a section of many thousands of handlers stays linear).
 */
export class HandlerList {
  private readonly byName = new Map<string, InheritedHandler>();

  constructor(list: InheritedHandler[] = []) {
    for (const h of list) this.byName.set(handlerKey(h.name), h);
  }

  applyAll(items: XmlElement[], path?: string, text?: string): this {
    for (const item of items) this.applyItem(item, path, text);
    return this;
  }

  applyItem(item: XmlElement, path?: string, text?: string): void {
    if (item.name === 'clear') this.byName.clear();
    else if (item.name === 'remove') this.byName.delete(handlerKey(attrValue(item, 'name')));
    else if (item.name === 'add') {
      const name = attrValue(item, 'name') ?? '';
      const key = handlerKey(name);
      this.byName.delete(key);
      this.byName.set(key, { name, element: item, path, text, bridge: isFastCgiHandler(item) || isHttpPlatformHandler(item) });
    }
  }

  has(key: string): boolean {
    return this.byName.has(key);
  }

  firstBridge(): InheritedHandler | undefined {
    for (const h of this.byName.values()) if (h.bridge) return h;
    return undefined;
  }

  list(): InheritedHandler[] {
    return [...this.byName.values()];
  }
}

export const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** A setting of the nearest parent that has it (wfastcgi reads the application folder's web.config: a parent's). */
export function parentSetting(ctx: RuleContext, key: string): { setting: AppSetting; path: string } | undefined {
  const parents = ctx.parents();
  for (let i = parents.length - 1; i >= 0; i--) {
    const s = envSetting(parents[i]!.model, key);
    if (s?.value.trim()) return { setting: s, path: parents[i]!.path };
  }
  return undefined;
}

/** The parent that most likely is the IIS application's folder: the outermost one with a Python handler or WSGI settings. */
export function applicationRoot(ctx: RuleContext): string | undefined {
  const parents = ctx.parents();
  const root = parents.find((p) => p.model.handlers.some((h) => isFastCgiHandler(h) || isHttpPlatformHandler(h)) || p.model.appSettings.some((s) => /^WSGI_/i.test(s.key)));
  return (root ?? parents[parents.length - 1])?.path;
}


/**
 * Who else on the server depends on something unregister would remove: the handlers of applicationHost.config
 * (server level and `<location>`), and the web.config of every other application, read where this machine can
 * (a network path is never read, see facts). What cannot be read is reported, never counted as "nobody".
 */
import { attrValue, buildWebConfig, forEachDescendant, sectionElements, type WebConfig } from '../model/webConfig';
import { scanXml } from '../xml/scanner';
import type { XmlElement } from '../xml/types';
import { eq, type AppHostConfig } from './appHost';
import type { HostFacts } from './facts';
import { appFolder } from './hostObjects';
import { expandHostEnv, joinHost } from './hostPaths';

export interface Users {
  /** Who uses it ("blog/", "applicationHost.config <location path="blog">"). */
  users: string[];
  /** Applications whose web.config could not be read here. */
  unread: string[];
}

/** Applications of sites not in `skipSites` whose web.config satisfies `uses`. */
export function webConfigUsers(appHost: AppHostConfig, facts: HostFacts, skipSites: Set<string>, uses: (model: WebConfig) => boolean): Users {
  const out: Users = { users: [], unread: [] };
  for (const app of appHost.objects.sites.filter((s) => !skipSites.has(s.name.toLowerCase())).flatMap((s) => s.apps)) {
    const name = `${app.site.name}${app.path}`;
    const folder = appFolder(app);
    if (!folder) continue;
    const text = facts.readText(joinHost(expandHostEnv(folder, facts.env), 'web.config'));
    if (text === undefined) {
      if (facts.exists(expandHostEnv(folder, facts.env)) !== false) out.unread.push(name);
      continue;
    }
    if (uses(buildWebConfig(scanXml(text)))) out.users.push(name);
  }
  return out;
}

/** The handler mappings of applicationHost.config itself whose scriptProcessor is `pair`. */
export function appHostHandlerUsers(appHost: AppHostConfig, pair: string): string[] {
  const root = scanXml(appHost.text).root;
  const users: string[] = [];
  if (!root) return users;
  forEachDescendant(root, (el) => {
    if (el.name !== 'add' || el.parent?.name !== 'handlers' || !eq(attrValue(el, 'scriptProcessor') ?? '', pair)) return;
    let location: string | undefined;
    for (let p: XmlElement | undefined = el.parent; p; p = p.parent) if (p.name === 'location') location = attrValue(p, 'path') ?? '';
    users.push(location ? `applicationHost.config <location path="${location}">` : 'applicationHost.config');
  });
  return users;
}

export function usesScriptProcessor(pair: string): (model: WebConfig) => boolean {
  return (model) => model.handlers.some((h) => eq(attrValue(h, 'scriptProcessor') ?? '', pair));
}

/** A web.config that configures <handlers> needs the section unlocked. */
export function configuresHandlers(model: WebConfig): boolean {
  return sectionElements(model.scopes, ['system.webServer', 'handlers']).length > 0;
}

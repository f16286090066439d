/**
 * `.vscode/tasks.json` entries for the extension's host tasks (type `flask-iis`), written only when the extension
 * contributes that task type. The entries follow its declared definition: the property whose enumeration holds
 * the actions, and the site/pool/folder properties this scaffold knows the values of.
 */
import type { Bridge, HostTaskDefinition } from './options';

const ACTIONS: Record<Bridge, string[]> = {
  wfastcgi: ['enable', 'register', 'doctor', 'recycle', 'unregister', 'disable'],
  httpplatform: ['register', 'doctor', 'recycle', 'unregister'],
  // ARR's proxy, allowedServerVariables and the WinSW service are part of register / unregister.
  proxy: ['register', 'doctor', 'unregister'],
};

/** Values this scaffold knows: the site and pool are the project's name; the folder is this one (tasks.json is in it). */
const KNOWN: Record<string, (name: string) => string> = {
  site: (n) => n, siteName: (n) => n, pool: (n) => n, appPool: (n) => n, applicationPool: (n) => n,
  folder: () => '.', path: () => '.', appFolder: () => '.',
};

/** The tasks.json text, or undefined when the definition needs values this scaffold cannot know. */
export function renderHostTasks(def: HostTaskDefinition, bridge: Bridge, name: string): string | undefined {
  const props = def.properties ?? {};
  const all = new Set(Object.values(ACTIONS).flat());
  const action = Object.keys(props).find((k) => props[k]!.enum?.some((v) => all.has(v)));
  if (!action) return undefined;
  if ((def.required ?? []).some((r) => r !== 'type' && r !== action && !(r in KNOWN))) return undefined;
  const known = Object.fromEntries(Object.keys(props).filter((k) => k in KNOWN).map((k) => [k, KNOWN[k]!(name)]));
  const tasks = ACTIONS[bridge]
    .filter((v) => props[action]!.enum!.includes(v))
    .map((v) => ({ label: `Flask on IIS: ${v} ${name}`, type: def.type, [action]: v, ...known, problemMatcher: [] }));
  return tasks.length ? `${JSON.stringify({ version: '2.0.0', tasks }, null, 2)}\n` : undefined;
}

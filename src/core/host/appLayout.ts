/**
 * What a web.config asks of the host: the bridge (wfastcgi or HttpPlatformHandler), the interpreter it starts,
 * the folders that interpreter lives in (a venv and the installation pyvenv.cfg's `home` names) and the
 * folder its log is written to.
 */
import { attr, attrValue, envSetting, isHttpPlatformHandler, isPythonFastCgiHandler, type WebConfig } from '../model/webConfig';
import { exeEnvironment } from '../rules/scriptProcessorRules';
import type { XmlAttribute } from '../xml/types';
import type { HostFacts } from './facts';
import { dirnameHost, isHostAbsolute, isRemoteOrDevicePath, joinHost, unquote } from './hostPaths';

export interface AppLayout {
  bridge: 'wfastcgi' | 'httpPlatform' | undefined;
  /** The handler's scriptProcessor halves exactly as written (what must be registered), for wfastcgi. */
  fastCgi?: { fullPath: string; arguments: string; attribute: XmlAttribute };
  /** python.exe as a path on the host (quotes removed, relative processPath resolved). */
  exe?: string;
  exeAttribute?: XmlAttribute;
  /** wfastcgi.py as a path on the host. */
  script?: string;
  /** The environment the interpreter belongs to (a venv root or an installation folder). */
  environment?: string;
  /** `home` of `<environment>\pyvenv.cfg`: the installation a venv's python.exe really starts. */
  base?: string;
  /** Where WSGI_LOG / stdoutLogFile write, when logging is configured. */
  logFolder?: string;
  logSource?: 'WSGI_LOG' | 'stdoutLogFile';
}

export function appLayout(model: WebConfig, appDir: string, facts: Pick<HostFacts, 'readText'>): AppLayout {
  const layout: AppLayout = { bridge: undefined };
  const fcgi = model.handlers.find((h) => isPythonFastCgiHandler(model, h));
  const sp = fcgi && attr(fcgi, 'scriptProcessor');
  if (fcgi && sp?.value.includes('|')) {
    const bar = sp.value.indexOf('|');
    layout.bridge = 'wfastcgi';
    layout.fastCgi = { fullPath: sp.value.slice(0, bar), arguments: sp.value.slice(bar + 1), attribute: sp };
    layout.exe = unquote(layout.fastCgi.fullPath);
    layout.exeAttribute = sp;
    layout.script = unquote(layout.fastCgi.arguments);
  } else if (model.handlers.some(isHttpPlatformHandler)) {
    layout.bridge = 'httpPlatform';
    const platform = model.httpPlatforms[0];
    const processPath = platform && attr(platform, 'processPath');
    if (processPath?.value.trim()) {
      const exe = unquote(processPath.value);
      layout.exe = isHostAbsolute(exe) || /^%\w+%/.test(exe) ? exe : joinHost(appDir, exe);
      layout.exeAttribute = processPath;
    }
  } else if (fcgi) layout.bridge = 'wfastcgi';
  if (layout.exe && !/^%/.test(layout.exe)) {
    layout.environment = exeEnvironment(layout.exe);
    // A network or device path is never read from here (see hostPaths).
    const cfg = layout.environment && !isRemoteOrDevicePath(layout.environment) && facts.readText(joinHost(layout.environment, 'pyvenv.cfg'));
    const home = cfg && /^\s*home\s*=\s*(.*?)\s*$/m.exec(cfg)?.[1];
    if (home) layout.base = home;
  }
  readLogFolder(model, appDir, layout);
  return layout;
}

function readLogFolder(model: WebConfig, appDir: string, layout: AppLayout): void {
  if (layout.bridge === 'wfastcgi') {
    const log = envSetting(model, 'WSGI_LOG')?.value.trim();
    if (log && !/%/.test(log)) {
      layout.logFolder = dirnameHost(joinHost(appDir, log));
      layout.logSource = 'WSGI_LOG';
    }
  } else if (layout.bridge === 'httpPlatform') {
    const platform = model.httpPlatforms[0];
    if (!platform || (attrValue(platform, 'stdoutLogEnabled') ?? '').toLowerCase() !== 'true') return;
    const file = (attrValue(platform, 'stdoutLogFile') ?? 'httpplatform-stdout').trim();
    if (!file || /%/.test(file)) return;
    layout.logFolder = dirnameHost(joinHost(appDir, file));
    layout.logSource = 'stdoutLogFile';
  }
}

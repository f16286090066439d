/**
 * "Run locally as IIS would": serves the app on 127.0.0.1 the way the configured bridge starts it (our
 * wfastcgi runner, or HttpPlatformHandler's processPath + arguments), waits until it listens, makes the
 * first request and reports its time (the cold start users see after every recycle).
 */
import { request } from 'node:http';
import { createServer, connect } from 'node:net';
import { isHttpPlatformHandler, isPythonFastCgiHandler, type WebConfig } from '../../core/model/webConfig';
import { sayWith, type Say } from '../../core/host/undo';
import { localEnvironment, platformLaunch } from './httpPlatformLaunch';
import { cleanEnvironment, spawnTracked, type Tracked } from '../processes';
import { startRunner, type RunnerResult } from './wfastcgiRunner';
import { DEPARTURES, proxyTargetOf, startLocalProxy, usesReverseProxy } from './localProxy';
import { findServiceDefinitions, serviceLaunch } from './serviceDefinition';

export const COLD_START_HINT_MS = 2000;

export interface LocalRun {
  url: string;
  bridge: 'wfastcgi' | 'httpPlatform' | 'proxy';
  firstRequest: { status: number; ms: number } | { error: string };
  process: Tracked;
}

export type LocalRunResult = { ok: true; run: LocalRun } | { ok: false; exitCode: 1 | 2; reason: string; needsTrust?: string };

export interface LocalRunOptions {
  model: WebConfig;
  appDir: string;
  python: string | undefined;
  /** The user opted in to starting the program web.config names (httpPlatform processPath). */
  trustConfig?: boolean;
  /** Renders messages (translated in the adapters). */
  say?: Say;
  /** The application folder's paths on the server (PYTHONPATH entries below them map to appDir). */
  serverRoots?: string[];
  /** The application folder's path on the server (`--site-path`, flaskIis.server.sitePath), for httpPlatform's and the proxy service's PYTHONPATH. */
  sitePath?: string;
  port: number;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** How long the wfastcgi runner may take to import the app and listen. */
  startTimeoutMs?: number;
}

export function usesHttpPlatform(model: WebConfig): boolean {
  return model.httpPlatforms.length > 0 && !model.handlers.some((h) => isPythonFastCgiHandler(model, h)) && (model.handlers.some(isHttpPlatformHandler) || !model.handlers.length);
}

export async function startLocalRun(o: LocalRunOptions): Promise<LocalRunResult> {
  const started = performance.now();
  const launched = usesReverseProxy(o.model) ? await launchProxy(o) : usesHttpPlatform(o.model) ? await launchPlatform(o) : await launchWfastcgi(o);
  if (!launched.ok) return launched;
  const firstRequest = await get(`${launched.url}${(launched.appPath ?? '').replace(/^\//, '')}${launched.appPath ? '/' : ''}`, 30_000).then((status) => ({ status, ms: Math.round(performance.now() - started) }), (e: Error) => ({ error: e.message }));
  return { ok: true, run: { url: launched.url, bridge: launched.bridge, firstRequest, process: launched.process } };
}

type Launched = { ok: true; url: string; bridge: LocalRun['bridge']; process: Tracked; appPath?: string } | { ok: false; exitCode: 1 | 2; reason: string; needsTrust?: string };

/** The service of the reverse-proxy bridge on a free port, and the local stand-in for IIS + ARR in front of it. */
async function launchProxy(o: LocalRunOptions): Promise<Launched> {
  const target = proxyTargetOf(o.model)!;
  const services = findServiceDefinitions(o.appDir, target.port);
  if (!services.length) return { ok: false, exitCode: 2, reason: `web.config proxies to 127.0.0.1:${target.port}, but no WinSW service definition (service/*.xml) says what listens there` };
  const backendPort = await freePort();
  const launch = serviceLaunch(services[0]!, o.python, !!o.trustConfig, o.appDir, o.sitePath, target.port, backendPort);
  if ('problem' in launch) return { ok: false, exitCode: 2, reason: launch.problem };
  for (const note of launch.notes) o.log(note);
  o.log(`starting ${launch.argv.join(' ')} (the service's port ${target.port} is ${backendPort} here)`);
  const tracked = spawnTracked(launch.argv, { cwd: o.appDir, env: cleanEnvironment(launch.env), onStdoutLine: o.log, onStderrLine: o.log });
  let open = false;
  const poll = setInterval(() => void portOpen(backendPort).then((yes) => (open ||= yes)), 100);
  const done = await until(tracked, o, o.startTimeoutMs ?? 60_000, () => open, () => undefined, 100);
  clearInterval(poll);
  if (!open) {
    tracked.kill();
    return { ok: false, exitCode: 1, reason: done.startsWith('timed out') ? `the service did not listen on port ${backendPort} within ${done.slice(15)}` : done };
  }
  let proxy: Awaited<ReturnType<typeof startLocalProxy>>;
  try {
    proxy = await startLocalProxy({ model: o.model, appDir: o.appDir, backendPort, port: o.port, log: o.log });
  } catch (e) {
    tracked.kill();
    return { ok: false, exitCode: 2, reason: `the local proxy cannot listen: ${(e as Error).message}` };
  }
  o.log(`local reverse proxy (IIS + ARR as web.config configures them) on ${proxy.url}${proxy.appPath ? `, application at ${proxy.appPath}/` : ''}; it departs from IIS + ARR in these ways:`);
  for (const d of DEPARTURES) o.log(`  - ${d}`);
  const process: Tracked = {
    child: tracked.child,
    exited: tracked.exited.then((e) => (proxy.server.close(), e)),
    kill: () => {
      proxy.server.close();
      proxy.server.closeAllConnections();
      tracked.kill();
    },
  };
  return { ok: true, url: proxy.url, bridge: 'proxy', process, appPath: proxy.appPath };
}

async function launchWfastcgi(o: LocalRunOptions): Promise<Launched> {
  if (!o.python) return { ok: false, exitCode: 2, reason: 'no Python interpreter to run the app with (use --python)' };
  let result: RunnerResult | undefined;
  let listening: string | undefined;
  let wake: () => void = () => undefined;
  const tracked = startRunner('run', { python: o.python, appDir: o.appDir, port: o.port, log: o.log, ...(o.serverRoots ? { serverRoots: o.serverRoots } : {}) }, (e) => {
    if (e.kind === 'RESULT') result = e.payload as unknown as RunnerResult;
    if (e.kind === 'LISTENING') listening = String(e.payload['url']);
    if (e.kind === 'FIRST_REQUEST' && e.payload['hint']) o.log(String(e.payload['hint']));
    wake();
  });
  if (typeof tracked === 'string') return { ok: false, exitCode: 2, reason: tracked };
  const done = await until(tracked, o, o.startTimeoutMs ?? 60_000, () => listening !== undefined || (result !== undefined && !result.ok), (w) => (wake = w));
  if (listening) return { ok: true, url: listening, bridge: 'wfastcgi', process: tracked };
  tracked.kill();
  if (result && !result.ok) return { ok: false, exitCode: 1, reason: `${result.error ?? ''}\n${result.traceback ?? ''}`.trim() };
  return { ok: false, exitCode: result ? 1 : 2, reason: done };
}

async function launchPlatform(o: LocalRunOptions): Promise<Launched> {
  const port = o.port || (await freePort());
  const say = o.say ?? sayWith();
  const launch = platformLaunch(o.model, o.appDir, port, o.python, o.trustConfig, say);
  if (typeof launch === 'string') return { ok: false, exitCode: 2, reason: launch };
  if ('needsTrust' in launch) return { ok: false, exitCode: 2, reason: say('trust.processPathNeedsTrust', { command: launch.commandLine }), needsTrust: launch.commandLine };
  if (launch.replaced) o.log(say('trust.processPathReplaced', { path: launch.replaced }));
  o.log(`starting ${launch.argv.join(' ')} (HTTP_PLATFORM_PORT=${port})`);
  const tracked = spawnTracked(launch.argv, { cwd: o.appDir, env: cleanEnvironment(localEnvironment(launch.env, o.appDir, o.sitePath ?? o.serverRoots?.[0])), onStdoutLine: o.log, onStderrLine: o.log });
  let open = false;
  const poll = setInterval(() => void portOpen(port).then((yes) => (open ||= yes)), 100);
  const done = await until(tracked, o, launch.startupTimeLimitMs, () => open, () => undefined, 100);
  clearInterval(poll);
  if (open) return { ok: true, url: `http://127.0.0.1:${port}/`, bridge: 'httpPlatform', process: tracked };
  tracked.kill();
  return { ok: false, exitCode: 1, reason: done.startsWith('timed out') ? `the process did not listen on HTTP_PLATFORM_PORT ${port} within startupTimeLimit (${launch.startupTimeLimitMs / 1000} s): IIS answers 502.3` : done };
}

/** Waits until `ready()`, the process exits, the timeout passes or the user cancels; says which. */
function until(t: Tracked, o: LocalRunOptions, timeoutMs: number, ready: () => boolean, setWake: (w: () => void) => void, pollMs = 50): Promise<string> {
  return new Promise((resolve) => {
    const finish = (why: string) => {
      clearTimeout(timer);
      clearInterval(tick);
      o.signal?.removeEventListener('abort', abort);
      resolve(why);
    };
    const check = () => ready() && finish('ready');
    const timer = setTimeout(() => finish(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const tick = setInterval(check, pollMs);
    const abort = () => finish('cancelled');
    o.signal?.addEventListener('abort', abort);
    setWake(check);
    void t.exited.then((e) => { if (!ready()) finish(`the process exited (${e.code ?? e.signal}) before it listened`); });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One GET to the local server (127.0.0.1 only); resolves with the status code. */
export function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.hostname !== '127.0.0.1') return reject(new Error('only 127.0.0.1 is contacted'));
    const req = request({ host: '127.0.0.1', port: Number(u.port), path: u.pathname + u.search, method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}

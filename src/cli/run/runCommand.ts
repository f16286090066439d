/** `flask-iis run DIR [--port N] [--python EXE]`: serve the app on 127.0.0.1 the way IIS would start it. */
import { openAppFolder } from '../../node/appFolder';
import { recordedSitePath } from '../../node/host/siteSettings';
import { chooseInterpreter } from '../../node/python/interpreterChoice';
import { COLD_START_HINT_MS, startLocalRun, usesHttpPlatform } from '../../node/run/localRun';
import { usesReverseProxy } from '../../node/run/localProxy';
import { sayWith } from '../../core/host/undo';
import { serverRoots } from '../../core/python/pythonPath';
import { parseCommandArgs, UsageError } from '../args';
import { commandSpec } from '../commandTable';
import { IoError, type CommandIo } from '../editing/checkCommand';

export async function runRun(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('run')!, argv, io.translate);
  const port = Number(args.options.get('--port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number (0: any free port)');
  const timeout = Number(args.options.get('--timeout') ?? '60');
  const app = openAppFolder(args.positionals[0] ?? '.');
  if (!app.ok) throw new IoError(app.reason);
  const trustConfig = args.options.has('--trust-config');
  const chosen = chooseInterpreter(app.model, { explicit: args.options.get('--python') as string | undefined, trustConfig, exclude: [app.appDir], say: sayWith(io.translate) });
  const platform = usesHttpPlatform(app.model) || usesReverseProxy(app.model);
  if (!platform) for (const note of chosen.notes) io.stderr(`flask-iis: ${note}`);
  const python = chosen.ok ? chosen.choice.python : undefined;
  if (!chosen.ok && (!platform || args.options.has('--python'))) throw new IoError(chosen.reason);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const sitePath = (args.options.get('--site-path') as string | undefined) ?? recordedSitePath(app.appDir);
    const started = await startLocalRun({ model: app.model, appDir: app.appDir, python, trustConfig, say: sayWith(io.translate), serverRoots: serverRoots(app.model, { sitePath, localFolder: app.appDir }), ...(sitePath ? { sitePath } : {}), port, log: (l) => io.stderr(l), signal: controller.signal, startTimeoutMs: timeout * 1000 });
    if (!started.ok) {
      io.stderr(`flask-iis: the app does not start: ${started.reason}`);
      return started.exitCode;
    }
    const { run } = started;
    io.stdout(`Serving ${app.configPath} (${run.bridge}) on ${run.url} (Ctrl+C to stop)`);
    if ('error' in run.firstRequest) io.stdout(`First request failed: ${run.firstRequest.error}`);
    else {
      io.stdout(`First request: HTTP ${run.firstRequest.status} after ${run.firstRequest.ms} ms (process start to response)`);
      if (run.firstRequest.ms > COLD_START_HINT_MS && run.bridge !== 'proxy') io.stdout('Hint: IIS starts the process on the first request after every recycle or idle timeout, so users wait this long. Import less at start-up, or keep it warm (application pool startMode="AlwaysRunning", idleTimeout 0, Application Initialization).');
    }
    const stop = () => run.process.kill();
    controller.signal.addEventListener('abort', stop);
    const exit = await run.process.exited;
    return controller.signal.aborted ? 0 : exit.code === 0 ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

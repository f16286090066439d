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
import { outputSay } from '../cliMessages';

export async function runRun(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('run')!, argv, io.translate);
  const say = outputSay(io.translate);
  const port = Number(args.options.get('--port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(say('portValue'));
  const timeout = Number(args.options.get('--timeout') ?? '60');
  const app = openAppFolder(args.positionals[0] ?? '.', io.translate);
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
      io.stderr(`flask-iis: ${say('doesNotStart', { reason: started.reason })}`);
      return started.exitCode;
    }
    const { run } = started;
    io.stdout(say('serving', { path: app.configPath, bridge: run.bridge, url: run.url }));
    if ('error' in run.firstRequest) io.stdout(say('firstRequestFailed', { error: run.firstRequest.error }));
    else {
      io.stdout(say('firstRequest', { status: run.firstRequest.status, ms: run.firstRequest.ms }));
      if (run.firstRequest.ms > COLD_START_HINT_MS && run.bridge !== 'proxy') io.stdout(say('coldStartHint'));
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

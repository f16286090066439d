/**
 * `flask-iis init DIR --server S` and `new DIR --server S`: the files of another deployment system (mod_wsgi,
 * gunicorn-nginx, uwsgi-nginx, fastcgi-flup, cgi). Same rules as the IIS scaffold: never interactive, nothing
 * existing replaced without --force (a .bak copy is kept), all-or-nothing.
 */
import type { Translate } from '../../core/messages';
import type { Layout } from '../../core/scaffold';
import { parseTarget, SERVER_TARGETS, TARGET_LABELS, type ServerTarget } from '../../core/servers';
import { writePlan } from '../../node/scaffold/scaffoldWriter';
import { prepareServerInit, prepareServerNew, type PreparedServer, type ServerRequest } from '../../node/servers/serverRequest';
import { UsageError, type ParsedArgs } from '../args';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { cliPythonSupport } from '../python/pythonSupport';
import { outputSay } from '../cliMessages';
import { reportUnprepared, reportWrite } from '../scaffold/writeReport';

export const SERVER_OPTION = `[--server ${SERVER_TARGETS.join('|')}]`;

function target(args: ParsedArgs, translate: Translate): ServerTarget {
  const say = outputSay(translate);
  const v = args.options.get('--server') as string;
  const t = parseTarget(v);
  if (!t) throw new UsageError(say('serverValue', { allowed: SERVER_TARGETS.join(', '), value: v }));
  for (const iisOnly of ['--bridge', '--log-dir']) if (args.options.has(iisOnly)) throw new UsageError(say('iisOnly', { option: iisOnly }));
  return t;
}

function request(args: ParsedArgs, translate: Translate): ServerRequest {
  if (args.positionals.length > 1) throw new UsageError(outputSay(translate)('oneFolder'));
  const value = (name: string) => args.options.get(name) as string | undefined;
  const req: ServerRequest = { dir: args.positionals[0] ?? '.', target: target(args, translate), translate };
  for (const [flag, key] of [['--name', 'name'], ['--python', 'python'], ['--site-path', 'appDir']] as const) {
    const v = value(flag);
    if (v !== undefined) req[key] = v;
  }
  return req;
}

export async function runServerInit(args: ParsedArgs, io: CommandIo, isDirectory: (path: string) => boolean): Promise<number> {
  const req = request(args, io.translate);
  if (!isDirectory(req.dir)) throw new IoError(outputSay(io.translate)('notAFolder', { path: req.dir }));
  const handler = args.options.get('--handler') as string | undefined;
  const python = await cliPythonSupport(io);
  return finish(prepareServerInit({ ...req, ...(handler !== undefined ? { handler } : {}) }, python?.support), args, io, 'init');
}

export function runServerNew(args: ParsedArgs, layout: Layout | undefined, io: CommandIo): number {
  return finish(prepareServerNew({ ...request(args, io.translate), ...(layout ? { layout } : {}) }), args, io, 'new');
}

function finish(p: PreparedServer, args: ParsedArgs, io: CommandIo, command: 'new' | 'init'): number {
  if (!p.ok) {
    reportUnprepared(p.problem, p.notes, io);
    return 2;
  }
  const result = writePlan(p.dir, p.plan.files, { force: args.options.has('--force') });
  const headline = outputSay(io.translate)(command === 'new' ? 'createdFor' : 'addedFor', { dir: p.dir, target: TARGET_LABELS[p.target], name: p.name });
  return reportWrite(result, { dir: p.dir, command, headline, guide: `deploy/${p.target}/DEPLOY.md`, notes: p.notes }, io) ? 0 : 2;
}

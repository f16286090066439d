/**
 * `flask-iis init DIR --server S` and `new DIR --server S`: the files of another deployment system (mod_wsgi,
 * gunicorn-nginx, uwsgi-nginx, fastcgi-flup, cgi). Same rules as the IIS scaffold: never interactive, nothing
 * existing replaced without --force (a .bak copy is kept), all-or-nothing.
 */
import { renderMessage, type Translate } from '../../core/messages';
import type { Layout } from '../../core/scaffold';
import { parseTarget, SERVER_TARGETS, TARGET_LABELS, type ServerTarget } from '../../core/servers';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { writePlan } from '../../node/scaffold/scaffoldWriter';
import { prepareServerInit, prepareServerNew, type PreparedServer, type ServerRequest } from '../../node/servers/serverRequest';
import { UsageError, type ParsedArgs } from '../args';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { cliPythonSupport } from '../python/pythonSupport';

export const SERVER_OPTION = `[--server ${SERVER_TARGETS.join('|')}]`;

function target(args: ParsedArgs): ServerTarget {
  const v = args.options.get('--server') as string;
  const t = parseTarget(v);
  if (!t) throw new UsageError(`--server must be ${SERVER_TARGETS.join(', ')}, not "${v}"`);
  for (const iisOnly of ['--bridge', '--log-dir']) if (args.options.has(iisOnly)) throw new UsageError(`${iisOnly} is for IIS; it does not go with --server`);
  return t;
}

function request(args: ParsedArgs, translate: Translate): ServerRequest {
  if (args.positionals.length > 1) throw new UsageError('give one folder');
  const value = (name: string) => args.options.get(name) as string | undefined;
  const req: ServerRequest = { dir: args.positionals[0] ?? '.', target: target(args), translate };
  for (const [flag, key] of [['--name', 'name'], ['--python', 'python'], ['--site-path', 'appDir']] as const) {
    const v = value(flag);
    if (v !== undefined) req[key] = v;
  }
  return req;
}

export async function runServerInit(args: ParsedArgs, io: CommandIo, isDirectory: (path: string) => boolean): Promise<number> {
  const req = request(args, io.translate);
  if (!isDirectory(req.dir)) throw new IoError(`${req.dir}: not a folder`);
  const handler = args.options.get('--handler') as string | undefined;
  const python = await cliPythonSupport(io);
  return finish(prepareServerInit({ ...req, ...(handler !== undefined ? { handler } : {}) }, python?.support), args, io, 'init');
}

export function runServerNew(args: ParsedArgs, layout: Layout | undefined, io: CommandIo): number {
  return finish(prepareServerNew({ ...request(args, io.translate), ...(layout ? { layout } : {}) }), args, io, 'new');
}

function finish(p: PreparedServer, args: ParsedArgs, io: CommandIo, command: 'new' | 'init'): number {
  const t = io.translate;
  if (!p.ok) {
    io.stderr(`flask-iis: ${renderMessage(p.problem.key, p.problem.args, t)}`);
    for (const n of p.notes ?? []) io.stderr(`flask-iis: ${renderMessage(n.key, n.args, t)}`);
    if (p.problem.key === 'scaffold.severalApps' || p.problem.key === 'scaffold.noApp') io.stderr('flask-iis: name it with --handler VALUE');
    return 2;
  }
  const result = writePlan(p.dir, p.plan.files, { force: args.options.has('--force') });
  if (!result.ok) {
    if (result.reason === 'conflicts') {
      io.stderr(`flask-iis: these files exist in ${p.dir} and differ from what ${command} writes; nothing was written:`);
      for (const c of result.conflicts) io.stderr(`  ${c}`);
      io.stderr('flask-iis: run again with --force to replace them (each is first copied to a .bak file)');
    } else if (result.reason === 'unsafe') {
      for (const r of result.refused) {
        const { key, args: a } = refusalProblem(r);
        io.stderr(`flask-iis: ${renderMessage(key, a, t)}`);
      }
    } else {
      io.stderr(`flask-iis: could not write the files: ${result.error}`);
      if (result.leftBehind.length) io.stderr(`flask-iis: these could not be undone: ${result.leftBehind.join(', ')}`);
    }
    return 2;
  }
  io.stdout(`${command === 'new' ? 'Created a Flask project' : 'Added the deployment files'} in ${p.dir} for ${TARGET_LABELS[p.target]} ("${p.name}"):`);
  for (const f of result.written) io.stdout(`  wrote      ${f}`);
  for (const b of result.backups) io.stdout(`  backed up  ${b.file} -> ${b.backup.slice(p.dir.length + 1)}`);
  for (const f of result.unchanged) io.stdout(`  unchanged  ${f}`);
  for (const n of p.notes) io.stdout(`Note: ${renderMessage(n.key, n.args, t)}`);
  io.stdout(`Next: the steps on the server are in deploy/${p.target}/DEPLOY.md.`);
  return 0;
}

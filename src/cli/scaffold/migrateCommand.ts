/**
 * `flask-iis migrate [DIR|web.config] [--asgi] [--dry-run] [--force] [--format text|json]`: the wfastcgi
 * web.config rewritten for HttpPlatformHandler with the same plan as the VS Code command (node/migratePlan.ts).
 * The change is always shown first. web.config is the user's file, so, as for new/init, it is replaced only with
 * --force, which first copies it to web.config.bak (exit 2 and nothing written without it); --dry-run shows the
 * change and writes nothing (exit 0). Bytes outside the edits, a UTF-8 BOM and line endings are kept.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fill, renderMessage } from '../../core/messages';
import { LineIndex } from '../../core/text/lineIndex';
import type { TextEdit } from '../../core/editing/textEdits';
import { openAppFolder } from '../../node/appFolder';
import { applyEdits, planMigration, planProxyMigration, type ProxyMigrationOptions } from '../../node/scaffold/migratePlan';
import { backendPortProblem, normalizeUrlPrefix, urlPrefixProblem } from '../../core/scaffold/options';
import { MAX_CONFIG_BYTES, readRegularFile } from '../../node/safeRead';
import { writePlan } from '../../node/scaffold/scaffoldWriter';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import { parseCommandArgs, UsageError, type ParsedArgs } from '../args';
import { IoError, type CommandIo } from '../editing/checkCommand';
import { commandSpec } from '../commandTable';
import { formatOption } from '../host/planOutput';
import { cliPythonSupport } from '../python/pythonSupport';
import { MIGRATE_MESSAGES, outputSay } from '../cliMessages';
import { runFcgiextMigrate } from './fcgiextMigrateCommand';

export async function runMigrate(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(commandSpec('migrate')!, argv, io.translate);
  const format = formatOption(args.options.get('--format'), io.translate);
  const say = (key: keyof typeof MIGRATE_MESSAGES, a: Record<string, string>) => fill(io.translate(MIGRATE_MESSAGES[key]), a);
  const fcgiextOnly = ['--section', '--site-path'].filter((o) => args.options.has(o));
  const webConfigOnly = ['--asgi', '--handler'].filter((o) => args.options.has(o));
  if (args.options.has('--from-fcgiext')) {
    if (webConfigOnly.length) throw new UsageError(`${webConfigOnly[0]} is for a web.config; it does not go with --from-fcgiext`);
    return runFcgiextMigrate(args, format, io);
  }
  if (fcgiextOnly.length) throw new UsageError(`${fcgiextOnly[0]} goes with --from-fcgiext FILE`);
  const app = openAppFolder(args.positionals[0] ?? '.', io.translate);
  if (!app.ok) throw new IoError(app.reason);
  const read = readRegularFile(app.configPath, MAX_CONFIG_BYTES);
  if (!read.ok) throw new IoError(`${app.configPath}: ${read.detail}`);
  const bom = utf8Bom(read.bytes, app.text);
  if (bom === undefined) throw new IoError(say('notUtf8', { path: app.configPath }));
  const proxy = (args.options.get('--bridge') as string | undefined)?.toLowerCase();
  if (proxy !== undefined && proxy !== 'proxy' && proxy !== 'httpplatform') throw new UsageError(outputSay(io.translate)('migrateBridge', { bridge: proxy }));
  const support = async () => (await cliPythonSupport(io))?.support;
  const handler = args.options.get('--handler');
  const choices = { ...(args.options.has('--asgi') ? { asgi: true } : {}), ...(typeof handler === 'string' ? { handler } : {}) };
  const planned = proxy === 'proxy'
    ? await planProxyMigration(app.text, app.appDir, { ...proxyOptions(args, io), ...(choices.asgi ? { asgi: true } : {}) }, support)
    : await planMigration(app.text, app.appDir, choices, support, io.translate);
  if (!planned.ok) {
    for (const p of planned.problems) io.stderr(`flask-iis: ${app.configPath}: ${renderMessage(p.key, p.args, io.translate)}`);
    if (planned.candidates) io.stderr(`flask-iis: ${say('candidates', { list: planned.candidates.join(', ') })}`);
    return 2;
  }
  const removedOnly = planned.from === 'cgi' && planned.handler === '';
  const server = planned.asgi ? 'uvicorn' : 'waitress';
  const name = basename(app.configPath);
  const files = [{ path: name, content: bom + applyEdits(app.text, planned.edits) }, ...planned.createFiles.filter((f) => !existsSync(join(app.appDir, ...f.path.split('/'))))];
  const dryRun = args.options.has('--dry-run');
  const force = args.options.has('--force') && !dryRun;
  const result = force ? writePlan(app.appDir, files, { force: true }) : undefined;
  if (format === 'json') {
    io.stdout(JSON.stringify({ version: 1, path: app.configPath, from: planned.from, server: removedOnly ? null : server, handler: planned.handler || null, edits: jsonEdits(app.text, planned.edits), createFiles: files.slice(1).map((f) => f.path), written: !!result?.ok, ...(result?.ok ? { backups: result.backups.map((b) => b.backup) } : {}) }, null, 2));
  } else {
    const header = proxy === 'proxy' ? 'plannedProxy' : removedOnly ? 'cgiRemoved' : planned.from === 'cgi' ? 'cgiPlanned' : 'planned';
    io.stdout(say(header, { path: app.configPath, server, handler: planned.handler }));
    for (const line of diffLines(app.text, planned.edits, outputSay(io.translate))) io.stdout(line);
    for (const f of files.slice(1)) io.stdout(`+ ${f.path}`);
  }
  if (!result) {
    io.stderr(`flask-iis: ${dryRun ? io.translate(MIGRATE_MESSAGES.dryRun) : say('needsForce', { path: app.configPath })}`);
    return dryRun ? 0 : 2;
  }
  if (!result.ok) {
    if (result.reason === 'unsafe') for (const r of result.refused) io.stderr(`flask-iis: ${renderMessage(refusalProblem(r).key, refusalProblem(r).args, io.translate)}`);
    if (result.reason === 'io') {
      const out = outputSay(io.translate);
      io.stderr(`flask-iis: ${out('writeFailed', { error: result.error })}`);
      if (result.leftBehind.length) io.stderr(`flask-iis: ${out('notUndone', { files: result.leftBehind.join(', ') })}`);
    }
    return 2;
  }
  if (format === 'text') {
    for (const b of result.backups) io.stdout(outputSay(io.translate)('backedUp', { file: b.file, backup: basename(b.backup) }));
    io.stdout(say(proxy === 'proxy' ? 'doneProxy' : removedOnly ? 'cgiDoneRemoved' : 'done', { path: app.configPath, server }));
  }
  return 0;
}

/** --backend-port, --url-prefix and --name of a migration to the reverse proxy, checked as init checks them. */
function proxyOptions(args: ParsedArgs, io: CommandIo): ProxyMigrationOptions {
  const port = args.options.get('--backend-port') as string | undefined;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(outputSay(io.translate)('migrateBackendPort', { port }));
  const portProblem = port !== undefined ? backendPortProblem(Number(port)) : undefined;
  const given = args.options.get('--url-prefix') as string | undefined;
  const prefix = given !== undefined ? normalizeUrlPrefix(given) : undefined;
  const problem = portProblem ?? (prefix !== undefined ? urlPrefixProblem(prefix) : undefined);
  if (problem) throw new UsageError(renderMessage(problem.key, problem.args, io.translate));
  const name = args.options.get('--name') as string | undefined;
  return { ...(port !== undefined ? { port: Number(port) } : {}), ...(prefix ? { urlPrefix: prefix } : {}), ...(name ? { name } : {}), translate: io.translate };
}

/** The BOM to write back ('' or U+FEFF), or undefined when the text is not the file's UTF-8 bytes. */
function utf8Bom(bytes: Buffer, text: string): string | undefined {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.equals(bytes)) return '';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && encoded.equals(bytes.subarray(3))) return '\uFEFF';
  return undefined;
}

function jsonEdits(text: string, edits: TextEdit[]) {
  const lines = new LineIndex(text);
  return [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText }));
}

/** The changed lines, grouped: `@@ line N @@`, then `- old` and `+ new` lines. */
export function diffLines(text: string, edits: TextEdit[], say: ReturnType<typeof outputSay> = outputSay((t) => t)): string[] {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const groups: { from: number; to: number; edits: TextEdit[] }[] = [];
  for (const e of sorted) {
    const from = lines.positionAt(e.start).line;
    const to = lines.positionAt(e.end).line;
    const last = groups[groups.length - 1];
    if (last && from <= last.to + 1) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
    } else groups.push({ from, to, edits: [e] });
  }
  const out: string[] = [];
  for (const g of groups) {
    const start = lines.offsetAt({ line: g.from, character: 0 });
    const end = endOfLine(text, lines.offsetAt({ line: g.to, character: 0 }));
    const before = text.slice(start, end);
    const after = applyEdits(before, g.edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start })));
    out.push(say('diffHunk', { line: g.from + 1 }));
    for (const l of splitLines(before)) out.push(`- ${l}`);
    for (const l of splitLines(after)) out.push(`+ ${l}`);
  }
  return out;
}

function endOfLine(text: string, from: number): number {
  const m = /\r\n|\r|\n/.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r\n|\r|\n/);
}

/** What `new`, `init` (IIS and the other servers) print: the refusal, or the files written, in the CLI's language. */
import { renderMessage, type MessageArgs, type MessageKey } from '../../core/messages';
import { refusalProblem } from '../../node/scaffold/scaffoldFs';
import type { WriteResult } from '../../node/scaffold/scaffoldWriter';
import { outputSay } from '../cliMessages';
import type { CommandIo } from '../editing/checkCommand';

interface Problem {
  key: MessageKey;
  args: MessageArgs;
}

/** A plan that could not be made: the problem, its notes, and how to name the app when that is what is missing. */
export function reportUnprepared(problem: Problem, notes: Problem[] | undefined, io: CommandIo): void {
  io.stderr(`flask-iis: ${renderMessage(problem.key, problem.args, io.translate)}`);
  for (const n of notes ?? []) io.stderr(`flask-iis: ${renderMessage(n.key, n.args, io.translate)}`);
  if (problem.key === 'scaffold.severalApps' || problem.key === 'scaffold.noApp') io.stderr(`flask-iis: ${outputSay(io.translate)('nameHandler')}`);
}

export interface Written {
  dir: string;
  command: 'new' | 'init';
  /** The first line, already in the CLI's language. */
  headline: string;
  /** DEPLOY.md's path relative to `dir`. */
  guide: string;
  notes: Problem[];
}

/** The write's outcome: a refusal on stderr (false), or what was written, backed up and kept, and what is next. */
export function reportWrite(result: WriteResult, w: Written, io: CommandIo): boolean {
  const say = outputSay(io.translate);
  if (!result.ok && result.reason === 'conflicts') {
    io.stderr(`flask-iis: ${say('conflicts', { dir: w.dir, command: w.command })}`);
    for (const c of result.conflicts) io.stderr(`  ${c}`);
    io.stderr(`flask-iis: ${say('forceToReplace')}`);
    return false;
  }
  if (!result.ok && result.reason === 'unsafe') {
    for (const r of result.refused) {
      const { key, args } = refusalProblem(r);
      io.stderr(`flask-iis: ${renderMessage(key, args, io.translate)}`);
    }
    return false;
  }
  if (!result.ok) {
    io.stderr(`flask-iis: ${say('writeFailed', { error: result.error })}`);
    io.stderr(`flask-iis: ${result.leftBehind.length ? say('notUndone', { files: result.leftBehind.join(', ') }) : say('nothingLeft')}`);
    return false;
  }
  io.stdout(w.headline);
  for (const f of result.written) io.stdout(say('wrote', { file: f }));
  for (const b of result.backups) io.stdout(say('backedUp', { file: b.file, backup: b.backup.slice(w.dir.length + 1) }));
  for (const f of result.unchanged) io.stdout(say('unchanged', { file: f }));
  for (const n of w.notes) io.stdout(say('note', { text: renderMessage(n.key, n.args, io.translate) }));
  io.stdout(say('next', { file: w.guide }));
  return true;
}

/**
 * Ini-style files: uWSGI's `.ini` (`key = value`, repeated keys kept) and systemd units (`Key=Value`, `\` line
 * continuations). Sections, `#`/`;` comments, offsets of every value. A line that is neither is reported.
 */
import type { NotUnderstood } from './nginx';

export interface IniEntry {
  section: string;
  key: string;
  value: string;
  /** Offsets of the value. */
  start: number;
  end: number;
  keyStart: number;
}

export function parseIni(text: string): { entries: IniEntry[]; problems: NotUnderstood[] } {
  const entries: IniEntry[] = [];
  const problems: NotUnderstood[] = [];
  let section = '';
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = offset;
    let line = lines[i]!;
    offset += line.length + 1;
    // systemd's continuation lines: the value goes on.
    while (/\\\r?$/.test(line) && i + 1 < lines.length) {
      line = `${line.replace(/\\\r?$/, ' ')}${lines[++i]!}`;
      offset += lines[i]!.length + 1;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const sec = /^\[([^\]]*)\]$/.exec(trimmed);
    if (sec) {
      section = sec[1]!.trim();
      continue;
    }
    const m = /^(\s*)([A-Za-z0-9_.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!m) {
      problems.push({ start, end: start + line.length, what: 'iniNotKeyValue' });
      continue;
    }
    const valueStart = start + line.indexOf(m[3]!, m[1]!.length + m[2]!.length);
    entries.push({ section, key: m[2]!, value: m[3]!, start: valueStart, end: valueStart + m[3]!.length, keyStart: start + m[1]!.length });
  }
  return { entries, problems };
}

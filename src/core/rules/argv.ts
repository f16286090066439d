/**
 * Command lines as the started process sees them: HttpPlatformHandler passes `arguments` to CreateProcess, and
 * Python (the MSVC runtime) splits it with the Windows rules (quotes group, 2n backslashes + quote = n backslashes
 * and a quote toggle, 2n+1 backslashes + quote = a literal quote).
 */
export interface Token {
  value: string;
  /** Offsets of the token in the command line (including its quotes). */
  start: number;
  end: number;
}

export function splitCommandLine(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t' || line[i] === '\n' || line[i] === '\r')) i++;
    if (i >= n) break;
    const start = i;
    let value = '';
    let quoted = false;
    while (i < n && (quoted || !/[ \t\n\r]/.test(line[i]!))) {
      if (line[i] === '\\') {
        let k = i;
        while (k < n && line[k] === '\\') k++;
        const count = k - i;
        if (line[k] === '"') {
          value += '\\'.repeat(count >> 1);
          if (count % 2) value += '"';
          else quoted = !quoted;
          i = k + 1;
        } else {
          value += '\\'.repeat(count);
          i = k;
        }
      } else if (line[i] === '"') {
        if (quoted && line[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        quoted = !quoted;
        i++;
      } else value += line[i++];
    }
    out.push({ value, start, end: i });
  }
  return out;
}

/** Python's own options that take a value (`python -W ignore app.py`). */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '--check-hash-based-pycs']);

export interface PythonCommand {
  /** `-m NAME` */
  module?: string;
  /** The script file (`app.py`), when a script is run. */
  script?: Token;
  /** The arguments after the module or script. */
  rest: Token[];
}

/** Reads `[python options] (-m module | script.py | -c code) args...` (the part after python.exe). */
export function pythonCommand(tokens: Token[]): PythonCommand {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.value;
    if (t === '-m') return { module: tokens[i + 1]?.value, rest: tokens.slice(i + 2) };
    if (/^-m\w/.test(t)) return { module: t.slice(2), rest: tokens.slice(i + 1) };
    if (t === '-c') return { rest: [] };
    if (PYTHON_VALUE_OPTIONS.has(t)) {
      i++;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) continue;
    return { script: tokens[i], rest: tokens.slice(i + 1) };
  }
  return { rest: [] };
}

/** Flask's group options before the command, and whether each takes a value. */
const FLASK_OPTIONS: Record<string, boolean> = { '--app': true, '-A': true, '--env-file': true, '-e': true, '--debug': false, '--no-debug': false };
/** Django's manage.py / django-admin options that take a value. */
const DJANGO_VALUE_OPTIONS = new Set(['--settings', '--pythonpath', '--verbosity', '-v']);

/** The command a CLI runs after its group options: `flask --app shop --debug run` → run. */
export function subcommand(tokens: Token[], tool: 'flask' | 'django'): Token | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.value;
    if (!t.startsWith('-') || t === '-') return tokens[i];
    if (t.includes('=')) continue;
    const takesValue = tool === 'flask' ? FLASK_OPTIONS[t] ?? false : DJANGO_VALUE_OPTIONS.has(t);
    if (takesValue) i++;
  }
  return undefined;
}

/**
 * Lets a real Python judge WSGI_RESTART_FILE_REGEX values: one `re.compile` per pattern in a single child
 * process (argv array, patterns on stdin, killed after a timeout). Returns undefined when no Python answers.
 */
import { spawnSync } from 'node:child_process';
import type { PyRegexError } from '../../core/pyregex';

const SCRIPT = [
  'import json, re, sys',
  'out = []',
  'for p in json.load(sys.stdin):',
  '    try:',
  '        re.compile(p); out.append(None)',
  '    except re.error as e:',
  '        out.append([str(e.msg), e.pos or 0])',
  'print(json.dumps(out))',
].join('\n');

export type RegexVerdicts = Map<string, PyRegexError | null>;

export function judgeWithPython(python: string, patterns: string[], timeoutMs = 5000): RegexVerdicts | undefined {
  if (!patterns.length) return new Map();
  const unique = [...new Set(patterns)];
  const r = spawnSync(python, ['-I', '-c', SCRIPT], { input: JSON.stringify(unique), encoding: 'utf8', timeout: timeoutMs, windowsHide: true });
  if (r.status !== 0 || !r.stdout) return undefined;
  try {
    const answers = JSON.parse(r.stdout) as ([string, number] | null)[];
    if (answers.length !== unique.length) return undefined;
    return new Map(unique.map((p, i) => {
      const a = answers[i];
      return [p, a ? { message: a[0], offset: a[1] } : null];
    }));
  } catch {
    return undefined;
  }
}

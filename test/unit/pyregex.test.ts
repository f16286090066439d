import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { checkPythonRegex, toJsRegExp } from '../../src/core/pyregex';
import { rng } from './rng';

/** [pattern] is valid; [pattern, message, offset?] is rejected with that re.error message (and position). */
type Case = readonly [pattern: string, message?: string, offset?: number];

const CASES: readonly Case[] = [
  // Typical web.config values (wfastcgi's WSGI_RESTART_FILE_REGEX and friends).
  ['.*((\\.py)|(\\.config))$'],
  ['.*\\.py$'],
  ['\\.py$'],
  ['^.*\\.(py|config)$'],
  ['(?i).*\\.PY$'],
  [''],
  ['*.py;*.config', 'nothing to repeat', 0],
  ['*.py', 'nothing to repeat', 0],
  ['.*\\.(py|config|html?)$'],
  ['^(?!.*node_modules).*\\.py$'],
  // Python-only syntax that is valid.
  ['(?P<n>a)(?P=n)'],
  ['\\Aabc\\Z'],
  ['a(?#comment)b'],
  ['a{'],
  ['a{,'],
  ['{foo}'],
  ['x{}'],
  ['x{,3}'],
  ['x{2,}?'],
  ['(?>a+)b'],
  ['a*+'],
  ['a++b?+'],
  ['[]a]'],
  ['[^]a]'],
  ['[a-]'],
  ['[\\d-]'],
  ['(?i:x)'],
  ['(?-i:x)'],
  ['(?a)\\w'],
  ['(?a)(?i)(?m)(?s)x'],
  ['\\d\\b\\B\\w\\W\\s\\S'],
  ['(a)?(?(1)a|b)'],
  ['(?P<x>a)(?(x)b)'],
  ['(?<=ab)c'],
  ['(?<!a|b)c'],
  ['(?<=(a)|b)c'],
  ['(?=a)*'],
  ['(?:)*'],
  ['(?x) a b # comment\n c'],
  ['(?x)a #c\n *'],
  ['(?x)[ #]'],
  ['\\x41\\u0041\\U00000041\\101\\0'],
  ['\\N{EM DASH}'],
  ['[\\b\\x00-\\x7f]'],
  ['(a)(b)\\2\\1'],
  ['a|b|'],
  ['\\-\\.\\/\\"\\\''],
  ['(?P<\u00e9>a)(?P=\u00e9)'],
  ['\u{1F600}+\u{1F600}{2}'],
  // Invalid patterns.
  ['(?<n>a)', 'unknown extension ?<n', 1],
  ['a**', 'multiple repeat', 2],
  ['a*??', 'multiple repeat', 3],
  ['x{2}{3}', 'multiple repeat', 4],
  ['\u{1F600}**', 'multiple repeat', 3],
  ['(', 'missing ), unterminated subpattern', 0],
  ['(a', 'missing ), unterminated subpattern', 0],
  [')', 'unbalanced parenthesis', 0],
  ['a)b', 'unbalanced parenthesis', 1],
  ['[a', 'unterminated character set', 0],
  ['[]', 'unterminated character set', 0],
  ['a(?i)b', 'global flags not at the start of the expression', 1],
  ['(?L)a', "bad inline flags: cannot use 'L' flag with a str pattern", 3],
  ['(?au)a', "bad inline flags: flags 'a', 'u' and 'L' are incompatible", 4],
  ['(?i', 'missing -, : or )', 3],
  ['(?z)', 'unknown extension ?z', 1],
  ['(?i-a:x)', "bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 5],
  ['(?t:x)', 'bad inline flags: cannot turn on global flag', 3],
  ['\\p{L}', 'bad escape \\p', 0],
  ['\\q', 'bad escape \\q', 0],
  ['\\e', 'bad escape \\e', 0],
  ['[\\A]', 'bad escape \\A', 1],
  ['\\x4', 'incomplete escape \\x4', 0],
  ['\\N', 'missing {', 2],
  ['\\N{}', 'missing character name', 3],
  ['\\777', 'octal escape value \\777 outside of range 0-0o377', 0],
  ['(?P<1a>x)', "bad character in group name '1a'", 4],
  ['(?P<>x)', 'missing group name', 4],
  ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a' as group 2; was group 1", 12],
  ['(?P=undefined)', "unknown group name 'undefined'", 4],
  ['(?P<a>(?P=a))', 'cannot refer to an open group', 10],
  ['(?Px)', 'unknown extension ?Px', 1],
  ['(a)\\2', 'invalid group reference 2', 4],
  ['\\2', 'invalid group reference 2', 1],
  ['(a\\1)', 'cannot refer to an open group', 2],
  ['(?(2)a|b)(c)', 'invalid group reference 2', 3],
  ['(?(0)a)', 'bad group number', 3],
  ['(?(a-b)x)', "bad character in group name 'a-b'", 3],
  ['(?(1)a|b)', 'invalid group reference 1', 3],
  ['(?(1)a|b|c)', 'conditional backref with more than two branches', 8],
  ['[z-a]', 'bad character range z-a', 1],
  ['[\\w-z]', 'bad character range \\w-z', 1],
  ['x{3,2}', 'min repeat greater than max repeat', 2],
  ['x{4294967295}', 'the repetition number is too large'],
  ['(?<=a+)b', 'look-behind requires fixed-width pattern'],
  ['(?<=a|bc)', 'look-behind requires fixed-width pattern'],
  ['(?<=s{2147483648})', 'invalid SRE code'],
  ['(?<=(a)\\1)b', 'cannot refer to group defined in the same lookbehind subpattern', 9],
  ['(?', 'unexpected end of pattern', 2],
  ['(?<', 'unexpected end of pattern', 3],
  ['\\', 'bad escape (end of pattern)', 0],
  ['abc\\', 'bad escape (end of pattern)', 3],
  ['(?#unterminated', 'missing ), unterminated comment', 0],
  ['^*', 'nothing to repeat', 1],
  ['\\b+', 'nothing to repeat', 2],
  ['a|*', 'nothing to repeat', 2],
  ['(?i)*', 'nothing to repeat', 4],
  ['(?a)(?u)', 'ASCII and UNICODE flags are incompatible'],
  ['('.repeat(600) + ')'.repeat(600), 'maximum recursion depth exceeded'],
  ['('.repeat(300) + ')'.repeat(300)],
];

/** Patterns whose verdict is specific to Python 3.11/3.12 (the TEMPLATE flag was removed in 3.13); mirrored as such. */
const VERSION_SENSITIVE: readonly string[] = ['(?t)a', '(?t)a*'];

for (const [pattern, message, offset] of CASES) {
  test(`${message ? 'invalid' : 'valid'}: ${JSON.stringify(pattern.length > 40 ? pattern.slice(0, 40) + '…' : pattern)}`, () => {
    const error = checkPythonRegex(pattern);
    if (!message) {
      assert.equal(error, undefined);
      return;
    }
    assert.ok(error, 'expected an error');
    assert.equal(error.message, message);
    if (offset !== undefined) assert.equal(error.offset, offset);
  });
}

test('TEMPLATE flag (3.11/3.12): accepted unless the pattern repeats something', () => {
  assert.equal(checkPythonRegex(VERSION_SENSITIVE[0]), undefined);
  assert.equal(checkPythonRegex(VERSION_SENSITIVE[1])?.message, 'internal: unsupported template operator MAX_REPEAT');
});

test('toJsRegExp: translation matches like Python', () => {
  const js = (p: string): RegExp => {
    const re = toJsRegExp(p);
    assert.ok(re, `untranslatable: ${p}`);
    return re;
  };
  assert.ok(js('.*\\.py$').test('app.py'));
  assert.ok(js('.*\\.py$').test('app.py\n'), 'Python $ matches before a final newline');
  assert.ok(!js('.*\\.py\\Z').test('app.py\n'));
  assert.ok(!js('.*\\.py$').test('app.pyc'));
  assert.ok(js('(?i).*\\.PY$').test('x.py'));
  assert.ok(js('.*((\\.py)|(\\.config))$').test('web.config'));
  assert.ok(js('(?P<n>a)(?P=n)').test('aa'));
  assert.equal(js('(?P<n>a)(?P=n)').exec('xaa')?.groups?.n, 'a');
  assert.ok(!js('(?>a+)a').test('aaa'), 'atomic group');
  assert.ok(!js('a*+a').test('aaa'), 'possessive repeat');
  assert.ok(js('(a)(?>b)\\1').test('aba'), 'group numbers survive the atomic-group helper');
  assert.ok(!js('.').test('\n'));
  assert.ok(js('.').test('\r'));
  assert.ok(js('(?s).').test('\n'));
  assert.ok(js('(?m)^b$').test('a\nb\nc'));
  assert.ok(!js('^b$').test('a\nb\nc'));
  assert.ok(js('\\d').test('\u0663'), 'Unicode digits, like Python str patterns');
  assert.ok(!js('(?a)\\d').test('\u0663'));
  assert.ok(js('\\bé\\b').test(' é '));
  assert.ok(js('[^\\W\\d]').test('a'));
  assert.ok(!js('[^\\W\\d]').test('1'));
  assert.ok(js('(?x) a b # comment').test('ab'));
  assert.ok(js('a{,2}b').test('aab'));
  assert.ok(js('{foo}').test('{foo}'));
  assert.equal(toJsRegExp('(a)?(?(1)a|b)'), undefined, 'conditionals have no JS equivalent');
  assert.equal(toJsRegExp('*.py'), undefined);
  const scoped = toJsRegExp('(?i:a)b');
  if (scoped) assert.ok(scoped.test('Ab') && !scoped.test('AB'));
});

// ---------------------------------------------------------------------------------------------------------
// Differential test against CPython.

const prng = rng;

/** Regex metacharacters, letters and common fragments ('N' and 't' are left out: see VERSION_SENSITIVE and \N{...}). */
const ALPHABET: readonly string[] = [
  ...'abcxyzAZ0129.^$*+?{}[]()|\\-,:=!<>#P_ims \n',
  '(?', '(?:', '(?P<n>', '(?P=n)', '(?P<', '(?P=', '(?<=', '(?<!', '(?=', '(?!', '(?>', '(?(1)', '(?(n)', '(?(',
  '(?i)', '(?x)', '(?a)', '(?s)', '(?m)', '(?i:', '(?-i:', '(?#', '\\d', '\\w', '\\s', '\\W', '\\b', '\\A', '\\Z',
  '\\x4', '\\x41', '\\u00', '\\1', '\\2', '\\0', '\\12', '\\141', '{2}', '{1,3}', '{,2}', '{3,1}', '[a-z]', '[^',
  '*?', '+?', '??', '*+', '(a)', '(b)', '|', '\\.', '\\\\',
];

/** Random token soup: mostly invalid patterns. */
function soupPattern(random: () => number): string {
  const length = 1 + Math.floor(random() * 10);
  let p = '';
  for (let k = 0; k < length; k++) p += pick(random, ALPHABET);
  return p;
}

const ATOMS: readonly string[] = [
  'a', 'b', 'ab', '.', '\\d', '\\w', '\\s', '\\W', '[a-c]', '[^b]', '[\\w.]', '[^\\W\\d]', '\\.', '\u00e9',
  '\\u0663', '\\n', 'x{',
];
const ANCHORS: readonly string[] = ['^', '$', '\\b', '\\B', '\\A', '\\Z'];
const QUANTIFIERS: readonly string[] = ['*', '+', '?', '*?', '+?', '{2}', '{1,2}', '{,2}', '*+', '?+', '{0}'];
const OPENERS: readonly string[] = ['(?=', '(?!', '(?<=', '(?<!', '(?>', '(?i:', '(?-i:', '(?s:'];

/** A pattern from a small grammar (mostly valid), sometimes with one token inserted or deleted. */
function structuredPattern(random: () => number): string {
  let closedGroups = 0;
  const atom = (depth: number): string => {
    const r = random();
    if (depth > 2 || r < 0.45) return pick(random, ATOMS);
    if (r < 0.6) {
      const body = seq(depth + 1);
      closedGroups++;
      return `(${body})`;
    }
    if (r < 0.7) return `(?:${alt(depth + 1)})`;
    if (r < 0.85) return `${pick(random, OPENERS)}${alt(depth + 1)})`;
    return closedGroups ? `\\${1 + Math.floor(random() * closedGroups)}` : pick(random, ATOMS);
  };
  const item = (depth: number): string => {
    if (random() < 0.15) return pick(random, ANCHORS);
    return atom(depth) + (random() < 0.6 ? '' : pick(random, QUANTIFIERS));
  };
  const seq = (depth: number): string => {
    let s = '';
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) s += item(depth);
    return s;
  };
  const alt = (depth: number): string => (random() < 0.3 ? `${seq(depth)}|${seq(depth)}` : seq(depth));
  let p = (random() < 0.15 ? pick(random, ['(?i)', '(?m)', '(?s)', '(?x)', '(?a)']) : '') + alt(0);
  if (random() < 0.3) {
    const at = Math.floor(random() * (p.length + 1));
    p = random() < 0.5 ? p.slice(0, at) + pick(random, ALPHABET) + p.slice(at) : p.slice(0, at) + p.slice(at + 1);
  }
  return p;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A quarter token soup, the rest grammar-generated, from a seeded PRNG. */
function randomPatterns(count: number, seed: number): string[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => (i % 4 ? structuredPattern(random) : soupPattern(random)));
}

const SUBJECTS: readonly string[] = [
  '', 'a', 'ab', 'abc', 'aaa', 'ba', 'b\n', 'a\nb', 'A', 'Ab', 'x.py', 'web.config', 'APP.PY', '1', '12', ' _',
  'a-z', '{}', '(a)', '\u0663', 'é', 'n\nn', 'zZ9',
];

/** Compiles every pattern with CPython in one process; DeprecationWarnings (errors since 3.12) count as errors. */
const PYTHON_SCRIPT = `
import json, re, sys, warnings
warnings.simplefilter('ignore')
warnings.simplefilter('error', DeprecationWarning)
req = json.load(sys.stdin)
# Possessive repeats and atomic groups could match wrongly, or loop, before 3.11.5 (gh-106052): do not match those.
buggy = re.compile(r'[*+?}]\\+|\\(\\?>') if sys.version_info < (3, 11, 5) else None
out = []
for p in req['patterns']:
    try:
        c = re.compile(p)
    except Exception as e:
        pos = getattr(e, 'pos', None)
        if pos is not None:
            pos = len(p[:pos].encode('utf-16-le', 'surrogatepass')) // 2
        out.append({'ok': False, 'type': type(e).__name__, 'msg': getattr(e, 'msg', None) or str(e), 'pos': pos})
        continue
    try:
        matches = None if buggy and buggy.search(p) else [c.search(s) is not None for s in req['subjects']]
    except Exception:  # e.g. SystemError from sre bugs fixed in later 3.11.x
        matches = None
    out.append({'ok': True, 'matches': matches})
json.dump({'version': sys.version.split()[0], 'results': out}, sys.stdout)
`;

interface PyResult {
  ok: boolean;
  type?: string;
  msg?: string;
  pos?: number | null;
  matches?: boolean[];
}

function findPython(): string | undefined {
  if (process.env.PYREGEX_PYTHON) return process.env.PYREGEX_PYTHON;
  if (existsSync('/usr/bin/python3')) return '/usr/bin/python3';
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'python3' : undefined;
}

/**
 * Differences between our verdict (and message, position, matching) and CPython's, one line each.
 * `strictMessages`: compare messages and positions too (they are mirrored from 3.11/3.12).
 */
function compare(pattern: string, py: PyResult, strictMessages: boolean): string[] {
  const ours = checkPythonRegex(pattern);
  const show = JSON.stringify(pattern);
  if (!!ours !== !py.ok) {
    return [`${show}: python ${py.ok ? 'accepts' : `rejects (${py.type}: ${py.msg})`}, we ${ours ? `reject (${ours.message})` : 'accept'}`];
  }
  if (ours && strictMessages && py.type === 'error' && (ours.message !== py.msg || (py.pos != null && ours.offset !== py.pos))) {
    return [`${show}: python says ${JSON.stringify(py.msg)} at ${py.pos}, we say ${JSON.stringify(ours.message)} at ${ours.offset}`];
  }
  const re = py.ok ? toJsRegExp(pattern) : undefined;
  if (!re || !py.matches) return [];
  const wrong = SUBJECTS.filter((s, i) => re.test(s) !== py.matches?.[i]);
  return wrong.length ? [`${show}: JS ${re} disagrees with Python on ${JSON.stringify(wrong)}`] : [];
}

test('differential: verdicts agree with CPython re.compile', (t) => {
  const python = findPython();
  if (!python) {
    t.skip('no python3 available');
    return;
  }
  const count = Number(process.env.PYREGEX_FUZZ_COUNT ?? 200);
  const seed = Number(process.env.PYREGEX_FUZZ_SEED ?? 20240611);
  const patterns = [...CASES.map((c) => c[0]), ...VERSION_SENSITIVE, ...randomPatterns(count, seed)];
  const run = spawnSync(python, ['-c', PYTHON_SCRIPT], {
    input: JSON.stringify({ patterns, subjects: SUBJECTS }),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `python failed: ${run.error?.message ?? run.stderr}`);
  const { version, results } = JSON.parse(run.stdout) as { version: string; results: PyResult[] };
  const [major, minor] = version.split('.').map((n) => parseInt(n, 10));
  const strictMessages = major === 3 && (minor === 11 || minor === 12);
  const disagreements = patterns.flatMap((p, i) =>
    (!strictMessages && VERSION_SENSITIVE.includes(p) ? [] : compare(p, results[i], strictMessages)));
  const accepted = results.filter((r) => r.ok).length;
  const translated = patterns.filter((p, i) => results[i].matches && toJsRegExp(p)).length;
  t.diagnostic(`python ${version} (${python}): ${patterns.length} patterns, ${accepted} accepted by re.compile, `
    + `${translated} translated to JS and matched against ${SUBJECTS.length} subjects`);
  assert.deepEqual(disagreements, [], `disagreements with Python ${version}:\n${disagreements.join('\n')}`);
});

/** The CLI's option table: help for every command and option (English and zh-CN), parsing, suggestions, --version. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseCommandArgs, UsageError } from '../../src/cli/args';
import { cliStrings } from '../../src/cli/cliMessages';
import { COMMANDS, COMMON_OPTIONS } from '../../src/cli/commandTable';
import { closest, editDistance } from '../../src/cli/suggest';
import { rng } from './rng';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const VISIBLE = COMMANDS.filter((c) => !c.hidden);

function cli(args: string[], lang = 'C') {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', FLASK_IIS_LOCALE: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Splits an example command line as a shell would (double quotes group; backslashes are literal). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

test('the table: every option has a description and an example that names it; no option twice in a command', () => {
  for (const c of COMMANDS) {
    const names = [...c.options, ...COMMON_OPTIONS].map((o) => o.name);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], `${c.name}: an option twice`);
    for (const o of c.options) {
      assert.ok(o.description.length > 10 && o.description.length <= 110, `${c.name} --${o.name}: description`);
      assert.ok(o.example.startsWith(`--${o.name}`), `${c.name} --${o.name}: example ${o.example}`);
      assert.equal(o.type === 'string', o.value !== undefined, `${c.name} --${o.name}: a value name exactly for string options`);
    }
  }
});

test('every option example and every command example parses with the command\'s own table', () => {
  for (const c of VISIBLE) {
    for (const o of c.options) {
      const parsed = parseCommandArgs(c, words(o.example));
      assert.ok(parsed.options.has(`--${o.name}`), `${c.name} ${o.example}`);
      if (o.type === 'string') assert.equal(parsed.options.get(`--${o.name}`), words(o.example)[1]);
    }
    for (const e of c.examples) {
      const [name, ...rest] = words(e);
      assert.equal(name, c.name, e);
      assert.doesNotThrow(() => parseCommandArgs(c, rest), e);
    }
  }
});

test('flask-iis <command> --help (and -h) describes every option with its example, exit 0; zh-CN is Chinese', () => {
  for (const c of VISIBLE) {
    const r = cli([c.name, '--help']);
    assert.equal(r.status, 0, `${c.name}: ${r.stderr}`);
    assert.ok(r.stdout.startsWith(`Usage: npx flask-iis ${c.name}`), r.stdout.slice(0, 80));
    for (const o of [...c.options, ...COMMON_OPTIONS]) {
      assert.ok(r.stdout.includes(`--${o.name}`), `${c.name} --help lacks --${o.name}`);
      assert.ok(r.stdout.includes(o.description), `${c.name} --help lacks the description of --${o.name}`);
      if (o.type === 'string') assert.ok(r.stdout.includes(`e.g. ${o.example}`), `${c.name} --help lacks the example of --${o.name}`);
    }
    for (const e of c.examples) assert.ok(r.stdout.includes(`npx flask-iis ${e}`), e);
    if (c.name === 'register') {
      assert.equal(cli([c.name, '-h']).stdout, r.stdout);
      assert.equal(cli(['help', c.name]).stdout, r.stdout);
    }
    const zh = cli([c.name, '--help'], 'zh_CN.UTF-8');
    assert.equal(zh.status, 0);
    assert.match(zh.stdout, /^用法：/);
    assert.match(zh.stdout, /选项：[\s\S]*示例：/);
    for (const o of c.options) if (o.type === 'string') assert.ok(zh.stdout.includes(`例如 ${o.example}`), `zh-CN ${c.name} --${o.name}`);
  }
});

test('flask-iis --help lists every command with every option and its example', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0);
  for (const c of VISIBLE) {
    const at = r.stdout.indexOf(`flask-iis ${c.name} `);
    assert.ok(at >= 0, c.name);
    const next = VISIBLE[VISIBLE.indexOf(c) + 1];
    const section = r.stdout.slice(at, next ? r.stdout.indexOf(`flask-iis ${next.name} `) : undefined);
    for (const o of c.options) {
      assert.ok(section.includes(`--${o.name}`), `${c.name}: --${o.name}`);
      if (o.type === 'string') assert.ok(section.includes(o.example), `${c.name}: ${o.example}`);
    }
  }
  assert.ok(!r.stdout.includes('_exec-plan'), 'internal commands are not listed');
  assert.match(r.stdout, /npx flask-iis <command>/);
  assert.equal(cli([]).status, 2, 'no command: the help on stderr, exit 2');
});

test('--version at the top and after a command prints the package version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  for (const args of [['--version'], ['-v'], ['check', '--version'], ['register', '--version']]) {
    const r = cli(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.equal(r.stdout.trim(), version);
  }
});

test('an unknown option names the closest one, or the command that takes it; one line, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--pyton', 'x'], /^flask-iis: unknown option --pyton; did you mean --python\?$/],
    [['check', '--Python', 'x'], /did you mean --python\?/],
    [['register', '.', '--dryrun'], /did you mean --dry-run\?/],
    [['register', '.', '--grant-outsde', 'C:\\x'], /did you mean --grant-outside\?/],
    [['verify', '--trust-confg'], /did you mean --trust-config\?/],
    [['new', 'x', '--brige', 'wfastcgi'], /did you mean --bridge\?/],
    [['register', '.', '--yes'], /unknown option --yes: it is an option of unregister$/],
    [['check', '--handler', 'a.b'], /it is an option of init, migrate$/],
    [['check', '--frobnicate'], /^flask-iis: unknown option --frobnicate$/],
    [['check', '-x'], /^flask-iis: unknown option -x$/],
    [['chek', '.'], /unknown command "chek"; did you mean check\?/],
    [['regster'], /did you mean register\?/],
    [['check', '--python', '--quiet'], /--python needs a value/],
    [['verify', '--path'], /--path needs a value/],
    [['check', '--quiet=1'], /--quiet takes no value/],
    [['doctor', 'a', 'b'], /doctor takes at most 1 argument/],
  ];
  for (const [args, pattern] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, pattern);
  }
  assert.match(cli(['check', '--pyton', 'x'], 'zh_CN.UTF-8').stderr, /未知选项 --pyton；是不是想用 --python？/);
});

test('suggestions: within a third of the length, prefixes of one option, never a far-away name', () => {
  assert.equal(editDistance('--pyton', '--python'), 1);
  assert.equal(editDistance('--fromat', '--format'), 1, 'a swap is one edit');
  assert.equal(closest('--dry', ['--dry-run', '--format']), '--dry-run');
  assert.equal(closest('--xyz', ['--dry-run', '--format']), undefined);
  assert.equal(closest('--port', ['--pool', '--port']), '--port');
  // Property: a name one edit away from a candidate (and farther from the others) is suggested as that candidate.
  const random = rng(15);
  const options = [...new Set(COMMANDS.flatMap((c) => c.options.map((o) => `--${o.name}`)))];
  for (let i = 0; i < 300; i++) {
    const target = options[Math.floor(random() * options.length)]!;
    const at = 2 + Math.floor(random() * (target.length - 2));
    const typo = target.slice(0, at) + 'q' + target.slice(at + 1);
    const nearest = Math.min(...options.filter((o) => o !== target).map((o) => editDistance(typo, o)));
    if (nearest <= 1 || target.length < 7) continue;
    assert.equal(closest(typo, options), target, typo);
  }
});

test('parsing property: --opt=value and --opt value agree; after -- everything is a positional; repeatable options keep order', () => {
  const random = rng(7);
  const alphabet = 'abc:\\/ .é中%&"\'=';
  for (const c of VISIBLE) {
    for (const o of c.options.filter((x) => x.type === 'string')) {
      for (let i = 0; i < 20; i++) {
        const value = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        const a = parseCommandArgs(c, [`--${o.name}=${value}`]);
        const b = parseCommandArgs(c, [`--${o.name}`, value]);
        assert.equal(a.options.get(`--${o.name}`), value);
        assert.equal(b.options.get(`--${o.name}`), value);
      }
    }
  }
  const register = COMMANDS.find((c) => c.name === 'register')!;
  const p = parseCommandArgs(register, ['.', '--grant-outside', 'C:\\a', '--grant-outside=C:\\b']);
  assert.deepEqual(p.lists.get('--grant-outside'), ['C:\\a', 'C:\\b']);
  assert.throws(() => parseCommandArgs(register, ['.', '--', '--yes']), UsageError, 'after --, "--yes" is a second folder');
  assert.deepEqual(parseCommandArgs(COMMANDS[0]!, ['--', '--format', '-x']).positionals, ['--format', '-x']);
});

test('every string the CLI translates is in the English bundle and has a zh-CN translation', () => {
  const en = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const strings = cliStrings();
  assert.deepEqual(strings.filter((s) => !(s in en)), [], 'run npm run l10n');
  assert.deepEqual(strings.filter((s) => !(s in zh)), [], 'add the zh-CN translation');
  for (const s of strings) assert.ok(/[\u4e00-\u9fff]/.test(zh[s]!) || s === 'e.g.', `zh-CN of "${s}" is Chinese`);
});

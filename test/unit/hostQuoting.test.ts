/**
 * The only command-line strings we build: Windows argv quoting (checked by splitting it again with the C
 * runtime's rules) and the PowerShell script for the UAC prompt (its literals parsed back, its encoding checked).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elevationScript, encodedCommand, powershellArgv, psLiteral, windowsCommandLine } from '../../src/core/host/quoting';
import { splitCommandLine } from '../../src/node/run/httpPlatformLaunch';

const TRICKY = [
  'C:\\Program Files\\nodejs\\node.exe', "C:\\Users\\O'Brien\\app", 'say "hi"', 'C:\\R&D\\100%\\a^b;c', 'C:\\apps\\[test]\\x',
  'C:\\Anwendungen\\Bücher\\日本語', 'trailing\\', 'trail space\\', 'a\\\\"b', '', ' ', '\\\\server\\share\\x y', '‘curly’ ‚low‛',
  '$env:PATH `n $(whoami)', '/+[fullPath=\'C:\\x\', arguments=\'y\']',
];


/** Reads one PowerShell single-quoted literal starting at `at`: doubled quotes (any of ' ‘ ’ ‚ ‛) are one quote. */
function readPsLiteral(text: string, at: number): { value: string; end: number } {
  const quotes = "'\u2018\u2019\u201a\u201b";
  assert.ok(quotes.includes(text[at]!), `no literal at ${at}: ${text.slice(at, at + 20)}`);
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (!quotes.includes(ch)) value += ch;
    else if (i + 1 < text.length && quotes.includes(text[i + 1]!)) {
      value += text[i + 1];
      i++;
    } else return { value, end: i + 1 };
  }
  throw new Error('unterminated literal');
}

test('windowsCommandLine: every argument comes back unchanged through the C runtime\'s splitting', () => {
  assert.deepEqual(splitCommandLine(windowsCommandLine(TRICKY)), TRICKY);
  for (const arg of TRICKY) assert.deepEqual(splitCommandLine(windowsCommandLine([arg])), [arg], arg);
  assert.equal(windowsCommandLine(['C:\\plain\\node.exe', 'a b', 'x"y', 'end\\']), 'C:\\plain\\node.exe "a b" "x\\"y" end\\');
  assert.throws(() => windowsCommandLine(['nul\u0000byte']), /control character/);
});

test('psLiteral: a single-quoted literal that PowerShell reads back unchanged (typographic quotes doubled too)', () => {
  for (const value of TRICKY) assert.equal(readPsLiteral(psLiteral(value), 0).value, value, value);
  assert.equal(psLiteral("O'Brien"), "'O''Brien'");
  assert.equal(psLiteral('‘x’'), "'‘‘x’’'");
  assert.equal(psLiteral('$env:X `n'), "'$env:X `n'");
});

test('elevationScript: Start-Process -Verb RunAs -Wait on an encoded inner script that starts the exact argv with its environment', () => {
  const exe = "C:\\Users\\O'Brien & Co\\AppData\\Local\\Programs\\Microsoft VS Code [1]\\Code.exe";
  const args = ['C:\\ext\\dist\\cli.js', '_exec-plan', 'C:\\Users\\O\'Brien & Co\\AppData\\Local\\Temp\\flask-iis-x\\plan.json', '100% ^;"ü"'];
  const outer = elevationScript(exe, args, { ELECTRON_RUN_AS_NODE: '1' });
  assert.match(outer, /Start-Process -FilePath \(Join-Path \$PSHOME 'powershell\.exe'\) -ArgumentList '-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand [A-Za-z0-9+/=]+' -Verb RunAs -Wait -PassThru/);
  assert.match(outer, /exit \$p\.ExitCode/);
  assert.match(outer, /exit 1223/, 'a declined prompt has its own exit code');
  const encoded = /-EncodedCommand ([A-Za-z0-9+/=]+)'/.exec(outer)![1]!;
  const inner = Buffer.from(encoded, 'base64').toString('utf16le');
  const fileAt = inner.indexOf('$psi.FileName = ') + '$psi.FileName = '.length;
  assert.equal(readPsLiteral(inner, fileAt).value, exe);
  const argsAt = inner.indexOf('$psi.Arguments = ') + '$psi.Arguments = '.length;
  assert.deepEqual(splitCommandLine(readPsLiteral(inner, argsAt).value), args);
  assert.match(inner, /\$psi\.EnvironmentVariables\['ELECTRON_RUN_AS_NODE'\] = '1'/);
  assert.match(inner, /\$psi\.UseShellExecute = \$false/);
});

test('encodedCommand is base64 of UTF-16LE (PowerShell\'s -EncodedCommand), for any text', () => {
  for (const s of ['', 'a', 'ab', 'abc', "Write-Output 'Bücher 日本 ‘x’'", '\u{1F600} surrogate pair']) {
    assert.equal(encodedCommand(s), Buffer.from(s, 'utf16le').toString('base64'), s);
  }
  const argv = powershellArgv('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'exit 3');
  assert.deepEqual(argv.slice(0, 6), ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
  assert.equal(Buffer.from(argv[6]!, 'base64').toString('utf16le'), 'exit 3');
});

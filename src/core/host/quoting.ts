/**
 * The only places a command line is built as a string: Windows' argv convention (for a ProcessStartInfo) and a
 * PowerShell script for the one UAC prompt. Everything else runs as argv arrays without a shell.
 */

/** Characters Windows never allows in a command-line argument we build (they would end or corrupt it). */
const CONTROL = /[\u0000-\u001f]/;

/**
 * Joins arguments the way the Microsoft C runtime and CommandLineToArgvW split them again: quotes around an
 * argument with white space or `"` (or an empty one), `\"` for a quote, backslashes doubled only before a quote.
 */
export function windowsCommandLine(args: string[]): string {
  return args.map(quoteWindowsArg).join(' ');
}

export function quoteWindowsArg(arg: string): string {
  if (CONTROL.test(arg.replace(/[\t\n\v]/g, ''))) throw new Error('control character in a command-line argument');
  if (arg !== '' && !/[ \t\n\v"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    out += ch === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return out + '\\'.repeat(backslashes * 2) + '"';
}

/**
 * A PowerShell single-quoted string literal. Inside one, nothing is expanded ($, `, %); the only special
 * characters are the single quotes, and PowerShell also treats the typographic ‘ ’ ‚ ‛ as single quotes, so
 * each of them is doubled.
 */
export function psLiteral(value: string): string {
  if (CONTROL.test(value)) throw new Error('control character in a PowerShell string');
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * The PowerShell script that runs `exe args...` elevated and waits for it: one UAC prompt
 * (`Start-Process -Verb RunAs -Wait`). The elevated PowerShell receives its own script as -EncodedCommand
 * (base64, so nothing is re-quoted on the way) and starts `exe` through ProcessStartInfo, which takes the
 * path literally (Start-Process would treat `[` in it as a wildcard) and lets us set environment variables
 * (an elevated process does not inherit ours). Exit code: the command's, or 1223 when the prompt was declined.
 */
export function elevationScript(exe: string, args: string[], env: Record<string, string> = {}): string {
  const inner = [
    "$ErrorActionPreference = 'Stop'",
    '$psi = New-Object System.Diagnostics.ProcessStartInfo',
    `$psi.FileName = ${psLiteral(exe)}`,
    `$psi.Arguments = ${psLiteral(windowsCommandLine(args))}`,
    '$psi.UseShellExecute = $false',
    ...Object.entries(env).map(([k, v]) => `$psi.EnvironmentVariables[${psLiteral(k)}] = ${psLiteral(v)}`),
    '$p = [System.Diagnostics.Process]::Start($psi)',
    '$p.WaitForExit()',
    'exit $p.ExitCode',
  ].join('\n');
  const innerArgs = `-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ${encodedCommand(inner)}`;
  return [
    "$ErrorActionPreference = 'Stop'",
    'try {',
    `  $p = Start-Process -FilePath (Join-Path $PSHOME 'powershell.exe') -ArgumentList ${psLiteral(innerArgs)} -Verb RunAs -Wait -PassThru -WindowStyle Hidden -WorkingDirectory ([WildcardPattern]::Escape($env:SystemRoot))`,
    '  exit $p.ExitCode',
    '} catch {',
    '  [Console]::Error.WriteLine($_.Exception.Message)',
    '  exit 1223',
    '}',
  ].join('\n');
}

/** The argv that runs a script in Windows PowerShell without any command-line quoting of the script. */
export function powershellArgv(powershell: string, script: string): string[] {
  return [powershell, '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand(script)];
}

/** PowerShell's -EncodedCommand: base64 of the UTF-16LE bytes. */
export function encodedCommand(script: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < script.length; i++) {
    const c = script.charCodeAt(i);
    bytes.push(c & 0xff, c >> 8);
  }
  return base64(bytes);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

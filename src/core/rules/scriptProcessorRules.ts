/** scriptprocessor-malformed and scriptprocessor-env-mismatch: the `python.exe|wfastcgi.py` string itself. */
import { attr, attrValue, isPythonFastCgiHandler } from '../model/webConfig';
import type { XmlAttribute } from '../xml/types';
import { valueOffset } from '../xml/entities';
import { nameSpan, type Rule, type RuleContext } from './context';
import { liveHandlers } from './reach';

export interface ScriptProcessorParts {
  exe: string;
  script: string;
  /** Indexes of the halves in the decoded value. */
  exeIndex: number;
  scriptIndex: number;
}

/** Splits at the first `|`, trimming quotes as IIS's registration strings may carry them. */
export function splitScriptProcessor(value: string): ScriptProcessorParts | undefined {
  const bar = value.indexOf('|');
  if (bar < 0) return undefined;
  return { exe: value.slice(0, bar), script: value.slice(bar + 1), exeIndex: 0, scriptIndex: bar + 1 };
}

const ENV_ONLY = /^%\w+%$/;
const ABSOLUTE = /^("?)([A-Za-z]:[\\/]|\\\\|%\w+%)/;
const PYTHON_EXE = /(^|[\\/])python(w)?(\d+(\.\d+)*)?(_d)?\.exe$/i;

export const scriptProcessorShape: Rule = (ctx) => {
  for (const h of liveHandlers(ctx.model)) {
    if (!isPythonFastCgiHandler(ctx.model, h)) continue;
    const sp = attr(h, 'scriptProcessor');
    if (!sp) {
      const span = nameSpan(h);
      ctx.report('scriptprocessor-malformed', span.start, span.end, 'sp.missing', { handler: attrValue(h, 'name') ?? '' });
      continue;
    }
    checkShape(ctx, sp);
  }
};

function checkShape(ctx: RuleContext, sp: XmlAttribute): void {
  const v = sp.value;
  const at = (i: number, len: number, key: Parameters<RuleContext['report']>[3], args = {}) => {
    const start = valueOffset(ctx.text, sp, i);
    ctx.report('scriptprocessor-malformed', start, Math.max(start + 1, valueOffset(ctx.text, sp, i + len)), key, args);
  };
  const pipes = v.split('|').length - 1;
  if (pipes === 0) return at(0, v.length, 'sp.noPipe', { value: v });
  if (pipes > 1) return at(0, v.length, 'sp.manyPipes', { count: pipes });
  const bar = v.indexOf('|');
  // The range is the white space itself (before the bar, else after it), not the bar; the fix removes both sides.
  const before = /\s+$/.exec(v.slice(0, bar))?.[0].length ?? 0;
  const after = /^\s+/.exec(v.slice(bar + 1))?.[0].length ?? 0;
  if (before) at(bar - before, before, 'sp.spacePipe');
  else if (after) at(bar + 1, after, 'sp.spacePipe');
  if (/^\s|\s$/.test(v)) at(0, v.length, 'sp.spaceEdge');
  if ((v.split('"').length - 1) % 2 === 1) at(0, v.length, 'sp.quotes', { value: v });
  const parts = splitScriptProcessor(v)!;
  const exe = parts.exe.trim();
  const script = parts.script.trim();
  const exeAt = v.indexOf(exe);
  const scriptAt = bar + 1 + parts.script.indexOf(script);
  const wrapped = new Set<string>();
  for (const [path, index] of [[exe, exeAt], [script, scriptAt]] as const) {
    const ws = wrappedSpace(path);
    if (!ws) continue;
    wrapped.add(path);
    at(index + ws.index, ws.length, 'sp.spaceInside', { path: path.replace(/\s+/g, ' ') });
  }
  for (const [path, index] of [[exe, exeAt], [script, scriptAt]] as const) {
    if (ENV_ONLY.test(path) || wrapped.has(path)) continue;
    if (!ABSOLUTE.test(path)) at(index, path.length, 'sp.relative', { path });
    else if (path.includes('/') && !path.includes('\\')) at(index, path.length, 'sp.forwardSlash', { path });
  }
  const bareExe = exe.replace(/^"|"$/g, '');
  if (!ENV_ONLY.test(exe) && !wrapped.has(exe) && !PYTHON_EXE.test(bareExe)) at(exeAt, exe.length, 'sp.notPython', { path: exe });
  if (!ENV_ONLY.test(script) && !wrapped.has(script) && !/\.py\b/i.test(script)) at(scriptAt, script.length, 'sp.notScript', { path: script });
}

/**
 * White space inside a half that is not part of a folder name: a line break or tab (an attribute wrapped over two
 * lines; IIS reads it as a space), a run of spaces, or a space next to a path separator. "Program Files" is fine.
 */
export function wrappedSpace(path: string): { index: number; length: number } | undefined {
  const m = /[ \t]*[\r\n\t][ \t\r\n]*| {2,}|(?<=[\\/]) +| +(?=[\\/])/.exec(path);
  return m ? { index: m.index, length: m[0].length } : undefined;
}

/** The environment a python.exe belongs to: `<env>\python.exe` or `<venv>\Scripts\python.exe`. */
export function exeEnvironment(exe: string): string | undefined {
  const m = /^(.*)[\\/]python(w)?(\d+(\.\d+)*)?\.exe$/i.exec(exe.replace(/^"|"$/g, '').trim());
  if (!m) return undefined;
  return m[1]!.replace(/[\\/]Scripts$/i, '');
}

/** The environment a wfastcgi.py belongs to: `<env>\Lib\site-packages\wfastcgi.py` or `<env>\Scripts\wfastcgi.py`. */
export function scriptEnvironment(script: string): string | undefined {
  const m = /^(.*?)[\\/](Lib[\\/]site-packages|Scripts)[\\/]wfastcgi\.py$/i.exec(script.replace(/^"|"$/g, '').trim());
  return m ? m[1] : undefined;
}

function versionToken(path: string): string | undefined {
  const m = /python(\d)(\d{1,2})\b/i.exec(path) ?? /python(\d)\.(\d{1,2})\b/i.exec(path);
  return m ? `Python ${m[1]}.${m[2]}` : undefined;
}

const norm = (p: string) => p.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();

export const scriptProcessorEnvironment: Rule = (ctx) => {
  for (const h of liveHandlers(ctx.model)) {
    if (!isPythonFastCgiHandler(ctx.model, h)) continue;
    const sp = attr(h, 'scriptProcessor');
    const parts = sp && splitScriptProcessor(sp.value);
    if (!sp || !parts || parts.script.includes('|')) continue;
    const exeEnv = exeEnvironment(parts.exe);
    const scriptEnv = scriptEnvironment(parts.script);
    if (!exeEnv || !scriptEnv || norm(exeEnv) === norm(scriptEnv)) continue;
    const start = valueOffset(ctx.text, sp, parts.scriptIndex);
    const end = sp.valueEnd;
    const exeVersion = versionToken(parts.exe);
    const scriptVersion = versionToken(parts.script);
    if (exeVersion && scriptVersion && exeVersion !== scriptVersion) {
      ctx.report('scriptprocessor-env-mismatch', start, end, 'sp.versionMismatch', { exeVersion, scriptVersion });
    } else {
      const suggestion = `${parts.exe.trim()}|${exeEnv}\\Lib\\site-packages\\wfastcgi.py`;
      ctx.report('scriptprocessor-env-mismatch', start, end, 'sp.envMismatch', { exePrefix: exeEnv, scriptPrefix: scriptEnv, suggestion });
    }
  }
};

/** Go to definition / links from the WSGI_HANDLER value to the Python definitions it resolves to. */
import { buildWebConfig } from '../model/webConfig';
import type { CheckOptions } from '../rules/context';
import { LineIndex, type Position } from '../text/lineIndex';
import { valueOffset } from '../xml/entities';
import { scanXml } from '../xml/scanner';
import { pythonAnalysis } from './analysis';
import type { Value } from './evaluate';
import type { ProjectFiles } from '../rules/context';
import { readEnvironment } from './environment';
import type { PythonSupport } from './moduleCache';
import { toSlashes } from './paths';
import { hasPythonAccess, PythonProject } from './project';
import { resolveHandler } from './resolveHandler';

export interface HandlerTarget {
  /** The segment's span in the web.config text. */
  start: number;
  end: number;
  /** The Python file (absolute path) and the definition's range in it. */
  path: string;
  range: { start: Position; end: Position };
}

export function wsgiHandlerTargets(text: string, options: CheckOptions): HandlerTarget[] {
  try {
    const model = buildWebConfig(scanXml(text));
    const analysis = pythonAnalysis(model, options);
    const setting = analysis?.handler;
    const r = analysis?.resolution;
    if (!analysis || !r || !setting?.valueAttr) return [];
    const a = setting.valueAttr;
    const out: HandlerTarget[] = [];
    r.steps.forEach((step, i) => {
      const seg = r.segments[i]!;
      const target = locate(analysis.project.files, step);
      if (target) out.push({ start: valueOffset(text, a, seg.start), end: valueOffset(text, a, seg.nameEnd), ...target });
    });
    return out;
  } catch {
    return [];
  }
}

function locate(files: ProjectFiles, v: Value): Omit<HandlerTarget, 'start' | 'end'> | undefined {
  const where = v.kind === 'module' ? { file: v.module.file, span: { start: 0, end: 0 } }
    : v.kind === 'binding' ? { file: v.module.file, span: v.binding.span }
      : v.kind === 'instance' && v.origin ? { file: v.origin.module.file, span: v.origin.binding.span } : undefined;
  if (!where?.file) return undefined;
  const path = files.absolute?.(where.file);
  const text = files.readText(where.file);
  if (!path || text === undefined) return undefined;
  const lines = new LineIndex(text);
  return { path, range: { start: lines.positionAt(where.span.start), end: lines.positionAt(where.span.end) } };
}

/** Where a WSGI_HANDLER value's last resolvable segment is defined (for hover and completion details). */
export function handlerDefinition(files: ProjectFiles, support: PythonSupport, value: string, pythonPath: string[] = []): { path: string; line: number } | undefined {
  try {
    if (!hasPythonAccess(files)) return undefined;
    const project = new PythonProject(files, support, pythonPath.map(toSlashes), readEnvironment(files));
    const r = resolveHandler(project, value);
    for (let i = (r?.steps.length ?? 0) - 1; i >= 0; i--) {
      const target = locate(files, r!.steps[i]!);
      if (target) return { path: target.path, line: target.range.start.line };
    }
  } catch {
    // never throws: no definition
  }
  return undefined;
}

/**
 * Which of a project's modules init's application scan parses (issue 12 bench: init on 2,000 files under 1 s).
 * A module can define a candidate or register routes only if its text names a framework (its import or its
 * constructor: `flask`, `Flask`, `get_wsgi_application`...) or something of a module that does (the module's
 * name, an application or factory bound there: `from portal import create_app`, `site = build()`, `@app.route`).
 * The rest (models, helpers, generated code) is never parsed for the scan; imports are still followed lazily.
 * Reading a small file is far cheaper than parsing it.
 */
import type { Evaluator } from './evaluate';
import { frameworkWords } from './frameworks';
import type { ProjectModule, PythonProject } from './project';

const MAX_ROUNDS = 4;
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wordsRegex(words: Iterable<string>): RegExp | undefined {
  const list = [...words].filter(Boolean);
  return list.length ? new RegExp(`\\b(?:${list.map(escape).join('|')})\\b`) : undefined;
}

export function relevantModules(project: PythonProject, evaluator: Evaluator, modules: ProjectModule[]): ProjectModule[] {
  const texts = new Map<ProjectModule, string>();
  const pending: ProjectModule[] = [];
  for (const m of modules) {
    const text = m.file ? project.files.readText(m.file) : undefined;
    if (text === undefined) continue;
    texts.set(m, text);
    pending.push(m);
  }
  const relevant = new Set<ProjectModule>();
  let regex = wordsRegex(frameworkWords());
  for (let round = 0; round < MAX_ROUNDS && regex && pending.length; round++) {
    const found: ProjectModule[] = [];
    for (let i = pending.length - 1; i >= 0; i--) {
      if (!regex.test(texts.get(pending[i]!)!)) continue;
      found.push(pending[i]!);
      pending.splice(i, 1);
    }
    for (const m of found) relevant.add(m);
    regex = wordsRegex(namesOf(project, evaluator, found));
  }
  // Past the rounds, whatever is left and still mentions them is kept (never silently less than before).
  if (regex) for (const m of pending) if (regex.test(texts.get(m)!)) relevant.add(m);
  return modules.filter((m) => relevant.has(m));
}

/** What other modules would name to reach an application of these: module names and app/factory bindings. */
function namesOf(project: PythonProject, evaluator: Evaluator, modules: ProjectModule[]): Set<string> {
  const names = new Set<string>();
  for (const m of modules) {
    names.add(m.name.slice(m.name.lastIndexOf('.') + 1));
    const summary = project.summary(m);
    if (!summary || summary.opaque) continue;
    for (const name of summary.names) {
      const b = summary.bindings[name]!;
      if (b.kind === 'import' || b.kind === 'from-import') continue;
      if (b.kind === 'class' || evaluator.appOf({ kind: 'binding', module: m, binding: b })) names.add(name);
    }
  }
  return names;
}

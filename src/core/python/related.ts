/** Locations in the project's Python files, for findings' related information and for links. */
import type { RelatedLocation } from '../findings';
import type { MessageArgs, MessageKey } from '../messages';
import type { ProjectFiles } from '../rules/context';
import type { Span } from './summary';

export function relatedInFile(files: ProjectFiles, file: string, span: Span, messageKey: MessageKey, args: MessageArgs = {}): RelatedLocation[] {
  const path = files.absolute?.(file);
  const text = files.readText(file);
  if (path === undefined || text === undefined) return [];
  return [{ path, start: span.start, end: span.end, text, messageKey, args }];
}

/** One-based line of an offset in a file (for messages); 0 when the file cannot be read. */
export function lineOf(files: ProjectFiles, file: string, offset: number): number {
  const text = files.readText(file);
  if (text === undefined) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Names worth suggesting first: the usual WSGI names, then other public names. */
export function rankNames(names: string[], preferred: Set<string>): string[] {
  const usual = ['app', 'application', 'wsgi_app', 'create_app', 'make_app'];
  const score = (n: string) => (preferred.has(n) ? 0 : usual.includes(n) ? 1 : n.startsWith('_') ? 3 : 2);
  return names.filter((n) => !n.startsWith('__')).sort((a, b) => score(a) - score(b));
}

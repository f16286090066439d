/**
 * The lines of pyproject.toml that matter here, without a TOML parser: the section each line is in, and the
 * lines of the arrays that `startsArray` opens (`dependencies = [`, possibly over many lines). A `]` inside a
 * quoted string does not end an array.
 */
export function scanPyproject(text: string, startsArray: (section: string, line: string) => boolean, onArrayLine: (line: string) => void, onOtherLine?: (section: string, line: string) => void): void {
  let section = '';
  let inArray = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header && !inArray) {
      section = header[1]!.trim();
      continue;
    }
    if (!inArray && startsArray(section, line)) inArray = true;
    if (!inArray) {
      onOtherLine?.(section, line);
      continue;
    }
    onArrayLine(line);
    if (/\]\s*,?\s*(#.*)?$/.test(line.replace(/"[^"]*"|'[^']*'/g, ''))) inArray = false;
  }
}

/**
 * The parser the Python-aware checks use, as an injected interface: the adapters hand over an initialised
 * tree-sitter parser (web-tree-sitter's Parser with the Python grammar satisfies it structurally), so the core
 * stays synchronous and free of wasm loading. Offsets are UTF-16 code units, as in the checked text.
 */

export interface PyNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly namedChildren: (PyNode | null)[];
  readonly children: (PyNode | null)[];
  readonly hasError: boolean;
  childForFieldName(name: string): PyNode | null;
  descendantsOfType(types: string | string[]): (PyNode | null)[];
}

export interface PyTree {
  readonly rootNode: PyNode;
  delete(): void;
}

export interface PythonParser {
  /** The syntax tree of `text`, or null when parsing was cancelled (too slow) or failed. */
  parse(text: string): PyTree | null;
}

export function named(node: PyNode | null | undefined): PyNode[] {
  return node ? (node.namedChildren.filter(Boolean) as PyNode[]) : [];
}

export function field(node: PyNode | null | undefined, name: string): PyNode | undefined {
  return node?.childForFieldName(name) ?? undefined;
}

/** The value of a plain string literal (no f-string, no concatenation), or undefined. */
export function stringLiteral(node: PyNode | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  const parts = named(node);
  if (parts.some((p) => p.type === 'interpolation')) return undefined;
  return parts.filter((p) => p.type === 'string_content').map((p) => p.text).join('');
}

/** `a`, `a.b.c` for identifiers and attribute chains; undefined for anything else. */
export function dottedName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'dotted_name') return named(node).map((n) => n.text).join('.');
  if (node.type === 'attribute') {
    const object = dottedName(field(node, 'object'));
    const attribute = field(node, 'attribute');
    return object && attribute ? `${object}.${attribute.text}` : undefined;
  }
  return undefined;
}

/** The offset-preserving XML tree the scanner builds. Offsets are UTF-16 indexes into the scanned text. */

export interface Span {
  start: number;
  end: number;
}

export interface XmlAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The value with entity references resolved. */
  value: string;
  /** Raw value span, without the quotes. */
  valueStart: number;
  valueEnd: number;
  /** The opening quote character as written (`"`, `'`, or a typographic one). */
  quote: string;
  /** True when the value contains an entity reference (raw text differs from `value`). */
  hasEntities: boolean;
}

export interface XmlElement {
  name: string;
  /** Offset of `<`. */
  start: number;
  nameStart: number;
  nameEnd: number;
  /** Offset just after the `>` of the start tag. */
  openEnd: number;
  /** Offset just after the end tag (or the start tag when self-closing / unclosed). */
  end: number;
  selfClosing: boolean;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent: XmlElement | undefined;
  depth: number;
  /**
   * True when the start tag is not well-formed: the scanner recovered its attributes (for completion and
   * hover), and the rules do not judge what was recovered (one problem, one finding).
   */
  malformed?: boolean;
}

export type XmlProblemKind = 'malformed' | 'declaration' | 'typographic';

export interface XmlProblem extends Span {
  kind: XmlProblemKind;
  /** A key of the core message table. */
  message: string;
  args: Record<string, string | number>;
}

export interface XmlDeclaration extends Span {
  attributes: XmlAttribute[];
}

export interface XmlComment extends Span {}

export interface XmlDocument {
  text: string;
  root: XmlElement | undefined;
  /** Every element in document order (start-tag order). */
  elements: XmlElement[];
  declaration: XmlDeclaration | undefined;
  comments: XmlComment[];
  problems: XmlProblem[];
}

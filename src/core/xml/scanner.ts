/**
 * A tolerant, offset-preserving XML scanner for IIS configuration files.
 *
 * One pass, no recursion (10,000-deep nesting is fine), no entity expansion beyond the five predefined
 * entities and character references (so entity bombs cannot expand). It never throws: every departure from
 * well-formed XML becomes an `XmlProblem`, and the scanner recovers (typographic quotes are read as quotes,
 * mismatched end tags close the element they name) so the rules can still check the rest of the file.
 */
import { AttributeScanner, badReferenceMessage } from './attributeScanner';
import { isNameChar, isNameStart, isXmlSpace } from './chars';
import { NameTable } from './names';
import { checkEntityAt, firstNonXmlChar, hex, isXmlChar, skipDoctype } from './scanHelpers';
import type { XmlAttribute, XmlDocument, XmlElement, XmlProblemKind } from './types';

/**
 * The `attributes` of every element without attributes and the `children` of every element without children: one
 * shared, frozen empty array each (a 5 MB file may hold a million elements; two empty arrays each would double
 * the tree's memory). Nothing outside the scanner changes these arrays.
 */
const NO_ATTRIBUTES = Object.freeze([]) as unknown as XmlAttribute[];
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;

export function scanXml(text: string): XmlDocument {
  return new Scanner(text).run();
}

class Scanner {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  /** How many elements of each name are open, so an end tag that matches nothing is known in O(1). */
  private readonly openNames = new Map<string, number>();
  private readonly doc: XmlDocument;
  private readonly attributes: AttributeScanner;
  private readonly names: NameTable;
  /** The attributes of the start tag being read, copied to an array of their exact number when there are any. */
  private readonly scratch: XmlAttribute[] = [];

  constructor(private readonly text: string) {
    this.names = new NameTable(text);
    this.attributes = new AttributeScanner(text, (kind, start, end, message, args) => this.problem(kind, start, end, message, args), this.names);
    this.doc = { text, root: undefined, elements: [], declaration: undefined, comments: [], problems: [] };
  }

  run(): XmlDocument {
    const { text } = this;
    const len = text.length;
    while (this.pos < len) {
      const lt = text.indexOf('<', this.pos);
      const textEnd = lt < 0 ? len : lt;
      if (textEnd > this.pos) this.scanText(this.pos, textEnd);
      if (lt < 0) break;
      this.pos = lt;
      this.scanMarkup();
    }
    for (const el of this.stack) {
      el.end = len;
      this.problem('malformed', el.nameStart, el.nameEnd, 'xml.unclosed', { name: el.name });
    }
    if (!this.doc.root && !this.doc.problems.some((p) => p.kind !== 'typographic')) {
      this.problem('malformed', 0, Math.min(len, 1), 'xml.noRoot', {});
    }
    return this.doc;
  }

  private problem(kind: XmlProblemKind, start: number, end: number, message: string, args: Record<string, string | number>): void {
    if (this.doc.problems.length < 200) this.doc.problems.push({ kind, start, end, message, args });
  }

  private scanText(start: number, end: number): void {
    const { text } = this;
    if (this.stack.length === 0) {
      let i = start;
      while (i < end && isXmlSpace(text.charCodeAt(i))) i++;
      if (i >= end) return;
      const chunk = text.slice(i, Math.min(end, i + 40));
      if (!this.doc.root && /^\??xml\s/i.test(chunk)) {
        const close = text.indexOf('>', i);
        this.problem('declaration', i, close >= 0 && close < end ? close + 1 : end, 'decl.missingLt', { text: chunk.split(/\r?\n/)[0]! });
        return;
      }
      this.problem('malformed', i, Math.min(end, i + 1), this.doc.root ? 'xml.textAfterRoot' : 'xml.textBeforeRoot', {});
      return;
    }
    let controlSeen = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === AMP) {
        const bad = checkEntityAt(text, i, end);
        if (bad) this.problem('malformed', i, bad, ...badReferenceMessage(text.slice(i, bad)));
      } else if (c === 0x5d && text.charCodeAt(i + 1) === 0x5d && text.charCodeAt(i + 2) === GT) {
        this.problem('malformed', i, i + 3, 'xml.cdataEndInText', {});
      } else if ((c < 0x20 || c >= 0xd800) && !controlSeen && !isXmlChar(text, i)) {
        controlSeen = true;
        this.problem('malformed', i, i + 1, 'xml.controlChar', { code: hex(c) });
      }
    }
  }

  /** Reports the first character XML forbids in a comment, PI or CDATA section (text[from, to)). */
  private checkChars(from: number, to: number): void {
    const bad = firstNonXmlChar(this.text, from, to);
    if (bad >= 0) this.problem('malformed', bad, bad + 1, 'xml.controlChar', { code: hex(this.text.charCodeAt(bad)) });
  }

  private scanMarkup(): void {
    const { text } = this;
    const c1 = text.charCodeAt(this.pos + 1);
    if (c1 === BANG) return this.scanBang();
    if (c1 === QUESTION) return this.scanPi();
    if (c1 === SLASH) return this.scanEndTag();
    if (isNameStart(c1)) return this.scanStartTag();
    this.problem('malformed', this.pos, this.pos + 1, 'xml.ltInText', {});
    this.pos += 1;
  }

  private scanBang(): void {
    const { text } = this;
    const start = this.pos;
    if (text.startsWith('<!--', start)) {
      const close = text.indexOf('-->', start + 4);
      if (close < 0) {
        this.problem('malformed', start, start + 4, 'xml.unterminatedComment', {});
        this.pos = text.length;
        return;
      }
      const dd = text.indexOf('--', start + 4);
      if (dd >= 0 && dd < close) this.problem('malformed', dd, dd + 2, 'xml.doubleHyphen', {});
      this.checkChars(start + 4, close);
      this.doc.comments.push({ start, end: close + 3 });
      this.pos = close + 3;
      return;
    }
    if (text.startsWith('<![CDATA[', start)) {
      const close = text.indexOf(']]>', start + 9);
      if (this.stack.length === 0) this.problem('malformed', start, start + 9, 'xml.textBeforeRoot', {});
      if (close < 0) this.problem('malformed', start, start + 9, 'xml.unterminatedCdata', {});
      else this.checkChars(start + 9, close);
      this.pos = close < 0 ? text.length : close + 3;
      return;
    }
    if (text.startsWith('<!DOCTYPE', start)) {
      this.problem('malformed', start, start + 9, 'xml.doctype', {});
      this.pos = skipDoctype(text, start + 9);
      return;
    }
    this.problem('malformed', start, start + 2, 'xml.badMarkup', {});
    this.pos = start + 2;
  }

  private scanPi(): void {
    const { text } = this;
    const start = this.pos;
    let i = start + 2;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const target = text.slice(start + 2, i);
    if (target.toLowerCase() !== 'xml') {
      const close = text.indexOf('?>', i);
      if (close < 0) this.problem('malformed', start, i, 'xml.unterminatedPi', {});
      else if (target && isNameStart(text.charCodeAt(start + 2)) && (i === close || isXmlSpace(text.charCodeAt(i)))) this.checkChars(i, close);
      else if (!this.doc.root && /^[^?>]{0,12}\bversion\s*=/.test(text.slice(i, i + 40))) {
        // `<?xm"l version=...?>`: a declaration typed wrong, not a processing instruction.
        this.problem('declaration', start, close + 2, 'decl.missingLt', { text: text.slice(start, Math.min(close + 2, start + 40)).split(/\r?\n/)[0]! });
      } else if (target && isNameStart(text.charCodeAt(start + 2))) this.problem('malformed', i, i + 1, 'xml.piTargetSpace', { target });
      else this.problem('malformed', start, start + 2, 'xml.piTarget', {});
      this.pos = close < 0 ? text.length : close + 2;
      return;
    }
    const attrs: XmlAttribute[] = [];
    const end = this.attributes.scanAttributes(i, attrs, true);
    const closed = text.charCodeAt(end - 1) === GT && text.charCodeAt(end - 2) === QUESTION;
    if (!closed) this.problem('declaration', start, end, 'decl.unterminated', {});
    if (target !== 'xml') this.problem('declaration', start + 2, i, 'decl.case', { target });
    if (this.doc.declaration) this.problem('declaration', start, end, 'decl.duplicate', {});
    else if (start !== 0) {
      const onlySpace = /^\s*$/.test(text.slice(0, start)) && !this.doc.root && this.doc.comments.length === 0;
      this.problem('declaration', start, end, onlySpace ? 'decl.leadingSpace' : 'decl.notFirst', {});
    }
    if (!this.doc.declaration) this.doc.declaration = { start, end, attributes: attrs };
    this.pos = end;
  }

  private scanEndTag(): void {
    const { text } = this;
    const start = this.pos;
    let i = start + 2;
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    const nameEnd = i;
    while (i < text.length && isXmlSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === GT) i++;
    else this.problem('malformed', start, Math.max(nameEnd, start + 2), 'xml.unterminatedEndTag', { name });
    this.pos = i;
    const depth = this.findOpen(name);
    if (depth < 0) {
      this.problem('malformed', start, i, 'xml.unexpectedEnd', { name });
      return;
    }
    while (this.stack.length > depth + 1) {
      const open = this.pop();
      open.end = start;
      this.problem('malformed', nameStart, nameEnd, 'xml.mismatchedEnd', { expected: open.name, found: name });
    }
    this.pop().end = i;
  }

  private findOpen(name: string): number {
    if (!this.openNames.get(name)) return -1;
    for (let d = this.stack.length - 1; d >= 0; d--) if (this.stack[d]!.name === name) return d;
    return -1;
  }

  private push(el: XmlElement): void {
    this.stack.push(el);
    this.openNames.set(el.name, (this.openNames.get(el.name) ?? 0) + 1);
  }

  private pop(): XmlElement {
    const el = this.stack.pop()!;
    this.openNames.set(el.name, this.openNames.get(el.name)! - 1);
    return el;
  }

  private scanStartTag(): void {
    const { text } = this;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const nameEnd = i;
    const name = this.names.name(start + 1, nameEnd);
    const scratch = this.scratch;
    const end = this.attributes.scanAttributes(nameEnd, scratch, false);
    let attributes = NO_ATTRIBUTES;
    if (scratch.length) {
      attributes = scratch.slice();
      scratch.length = 0; // not when already empty: setting an array's length is not free, and most tags have no attributes
    }
    const malformed = this.attributes.malformed;
    this.pos = end;
    const selfClosing = text.charCodeAt(end - 1) === GT && text.charCodeAt(end - 2) === SLASH;
    if (this.stack.length === 0 && !this.doc.root && name.toLowerCase() === 'xml' && attributes.some((a) => a.name === 'version')) {
      this.problem('declaration', start, end, 'decl.missingQuestion', {});
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const el: XmlElement = {
      name, start, nameStart: start + 1, nameEnd, openEnd: end, end, selfClosing, attributes,
      children: NO_CHILDREN, parent, depth: this.stack.length,
    };
    if (malformed) el.malformed = true;
    this.doc.elements.push(el);
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [el];
      else parent.children.push(el);
    }
    else if (this.doc.root) this.problem('malformed', start + 1, nameEnd, 'xml.multipleRoots', { name });
    else this.doc.root = el;
    if (!selfClosing && text.charCodeAt(end - 1) === GT) this.push(el);
  }
}

/**
 * Shared strings for the element and attribute names of one scan. A web.config repeats a few names (`add`, `key`,
 * `value`) many thousands of times; slicing each from the text would keep one copy per element or attribute alive
 * for as long as the tree lives (memory and garbage-collection time on a 5 MB file). The table is bounded, so a
 * file of all-different names costs no more than slicing.
 */
const MAX_NAME = 48;
const MAX_ENTRIES = 4096;

export class NameTable {
  private readonly byHash = new Map<number, string>();

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, the same string object for the same name. */
  name(start: number, end: number): string {
    const { text } = this;
    const len = end - start;
    if (len <= 1 || len > MAX_NAME) return text.slice(start, end);
    let h = len;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const known = this.byHash.get(h);
    if (known !== undefined && known.length === len && text.startsWith(known, start)) return known;
    const fresh = text.slice(start, end);
    if (known === undefined && this.byHash.size < MAX_ENTRIES) this.byHash.set(h, fresh);
    return fresh;
  }
}

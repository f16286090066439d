/** Checks CPython does while compiling the parse tree (`re._compiler._compile`), after parsing succeeded. */
import { FLAG_TEMPLATE, MAXREPEAT, type ParsedPattern, type PyNode, type Seq } from './ast';
import { PyReSyntaxError } from './scanner';

type Width = [min: number, max: number];

const REPEAT_OPCODES = { '': 'MAX_REPEAT', '?': 'MIN_REPEAT', '+': 'POSSESSIVE_REPEAT' } as const;

/** `SubPattern.getwidth()`: the (min, max) length a sequence can match, capped like sre. */
class Widths {
  private readonly groupWidths = new Map<number, Width>();

  constructor(private readonly groups: ReadonlyMap<number, Seq>) {}

  seq(seq: Seq): Width {
    let lo = 0;
    let hi = 0;
    for (const node of seq) {
      const [a, b] = this.node(node);
      lo += a;
      hi += b;
    }
    return [Math.min(lo, MAXREPEAT - 1), Math.min(hi, MAXREPEAT)];
  }

  private node(n: PyNode): Width {
    switch (n.t) {
      case 'lit': case 'any': case 'set': return [1, 1];
      case 'at': case 'look': return [0, 0];
      case 'group': case 'atomic': return this.seq(n.body);
      case 'ref': return this.group(n.group);
      case 'repeat': {
        const [lo, hi] = this.seq(n.item);
        return [lo * n.min, hi * n.max];
      }
      case 'cond': {
        const [lo, hi] = this.seq(n.yes);
        if (!n.no) return [0, hi];
        const [lo2, hi2] = this.seq(n.no);
        return [Math.min(lo, lo2), Math.max(hi, hi2)];
      }
      case 'alt': {
        let lo = MAXREPEAT - 1;
        let hi = 0;
        for (const [a, b] of n.branches.map((branch) => this.seq(branch))) [lo, hi] = [Math.min(lo, a), Math.max(hi, b)];
        return [lo, hi];
      }
    }
  }

  private group(gid: number): Width {
    let width = this.groupWidths.get(gid);
    if (!width) this.groupWidths.set(gid, (width = this.seq(this.groups.get(gid) ?? [])));
    return width;
  }
}

function children(n: PyNode): Seq[] {
  switch (n.t) {
    case 'group': case 'atomic': case 'look': return [n.body];
    case 'repeat': return [n.item];
    case 'cond': return n.no ? [n.yes, n.no] : [n.yes];
    case 'alt': return n.branches;
    default: return [];
  }
}

/** Throws what `re.compile` would raise after a successful parse (fixed-width look-behind, `(?t)` repeats). */
export function checkCompilable(pattern: ParsedPattern): void {
  const widths = new Widths(pattern.groups);
  const template = (pattern.flags & FLAG_TEMPLATE) !== 0;
  const visit = (seq: Seq): void => {
    for (const node of seq) {
      if (node.t === 'repeat' && template) {
        throw new PyReSyntaxError(`internal: unsupported template operator ${REPEAT_OPCODES[node.mode]}`, node.pos);
      }
      if (node.t === 'look' && node.behind) {
        const [lo, hi] = widths.seq(node.body);
        if (lo !== hi) throw new PyReSyntaxError('look-behind requires fixed-width pattern', node.pos);
        // _sre's code validator rejects look-behind widths of 2**31 and more (RuntimeError).
        if (lo >= 0x80000000) throw new PyReSyntaxError('invalid SRE code', node.pos);
      }
      children(node).forEach(visit);
    }
  };
  visit(pattern.body);
}

/**
 * The target server the profiles describe: one version per product. `flaskIis.iis.target` and the CLI's
 * `--target iis10,rewrite2.1,hph2` pick them; what is not named keeps its default (today's common server).
 */

export const PRODUCTS = {
  iis: { label: 'IIS', tokens: ['iis8.5', 'iis10'], default: 'iis10' },
  rewrite: { label: 'URL Rewrite', tokens: ['rewrite2.0', 'rewrite2.1'], default: 'rewrite2.1' },
  hph: { label: 'HttpPlatformHandler', tokens: ['hph1.2', 'hph2'], default: 'hph1.2' },
} as const;

export type Product = keyof typeof PRODUCTS;

export const ALL_TARGET_TOKENS: string[] = Object.values(PRODUCTS).flatMap((p) => [...p.tokens]);

export const DEFAULT_TARGET: string[] = Object.values(PRODUCTS).map((p) => p.default);

/** Product versions newer than a token (a profile tagged with the older one also holds in the newer). */
function productOf(token: string): Product | undefined {
  for (const [k, p] of Object.entries(PRODUCTS)) if ((p.tokens as readonly string[]).includes(token)) return k as Product;
  return undefined;
}

export interface ParsedTarget {
  tokens: string[];
  /** Tokens that are not known (the caller reports them). */
  unknown: string[];
}

/** Parses `iis10,rewrite2.1,hph2` (spaces and case ignored); a product not named keeps its default. */
export function parseTarget(value: string | readonly string[] | undefined): ParsedTarget {
  const raw = (typeof value === 'string' ? value.split(/[,\s]+/) : value ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean);
  const chosen = new Map<Product, string>();
  const unknown: string[] = [];
  for (const t of raw) {
    const norm = t === 'hph2.0' ? 'hph2' : t === 'iis10.0' ? 'iis10' : t;
    const p = productOf(norm);
    if (p) chosen.set(p, norm);
    else unknown.push(t);
  }
  const tokens = (Object.keys(PRODUCTS) as Product[]).map((p) => chosen.get(p) ?? PRODUCTS[p].default);
  return { tokens, unknown };
}

/** `IIS 10`, `URL Rewrite 2.1`, `HttpPlatformHandler 2` for messages. */
export function describeToken(token: string): string {
  const p = productOf(token);
  if (!p) return token;
  const version = token.replace(/^[a-z]+/, '');
  return `${PRODUCTS[p].label} ${version}`;
}

/** The tokens of an "only in" list that a target lacks, described: `IIS 10`, `HttpPlatformHandler 1.2`. */
export function describeVersions(tokens: readonly string[]): string {
  return [...new Set(tokens)].map(describeToken).join(', ');
}

/** The target's versions of the products `versions` belongs to: what the finding compares against. */
export function describeTargetFor(versions: readonly string[], target: readonly string[]): string {
  const products = new Set(versions.map(productOf));
  return describeVersions(target.filter((t) => products.has(productOf(t))));
}

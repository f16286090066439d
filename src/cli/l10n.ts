/** The CLI's translations: the same l10n bundles the extension uses, chosen from LANG / LC_ALL / --locale. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../core/messages';

export function cliLocale(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env['FLASK_IIS_LOCALE'] || env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'];
  if (!raw || raw === 'C' || raw === 'POSIX') return undefined;
  return raw.split('.')[0]!.replace('_', '-').toLowerCase();
}

export function loadTranslate(locale: string | undefined, l10nDir: string): Translate {
  if (!locale || locale.startsWith('en')) return (t) => t;
  for (const candidate of [locale, locale.split('-')[0]!]) {
    try {
      const bundle = JSON.parse(readFileSync(join(l10nDir, `bundle.l10n.${candidate}.json`), 'utf8')) as Record<string, string | { message: string }>;
      return (t) => {
        const entry = bundle[t];
        return typeof entry === 'string' ? entry : entry?.message ?? t;
      };
    } catch {
      // no bundle for this candidate
    }
  }
  return (t) => t;
}

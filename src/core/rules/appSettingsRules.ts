/** appsettings-misspelled, appsettings-external-source, ptvsd-secret, django-settings-missing. */
import { attr, envSetting } from '../model/webConfig';
import type { XmlElement } from '../xml/types';
import { attrSpan, nameSpan, valueSpan, type Rule } from './context';
import { hostVariableFor } from './hostEnv';
import { isAzureAppService } from './deployment';

const SECTION_LOOKALIKES = new Set(['appsettings', 'appsetting', 'app_settings', 'applicationsettings']);
const LOOKALIKE_MIN = Math.min(...[...SECTION_LOOKALIKES].map((n) => n.length));

export const misspelledAppSettings: Rule = (ctx) => {
  let keyed: Set<XmlElement> | undefined;
  for (const el of ctx.model.doc.elements) {
    if (el.name.length < LOOKALIKE_MIN) continue; // most elements are <add>: no lower-casing a million names
    const lower = el.name.toLowerCase();
    if (el.name === 'appSettings') {
      const parent = el.parent;
      if (parent && parent.name !== 'configuration' && parent.name !== 'location') {
        const s = nameSpan(el);
        ctx.report('appsettings-misspelled', s.start, s.end, 'app.misplacedSection', { parent: parent.name });
      }
      checkEntries(ctx, el);
    } else if (SECTION_LOOKALIKES.has(lower)) {
      if (lower === 'applicationsettings' && !(keyed ??= withKeyedAdd(ctx.model.doc.elements)).has(el)) continue;
      const s = nameSpan(el);
      ctx.report('appsettings-misspelled', s.start, s.end, 'app.misspelledSection', { name: el.name });
      checkEntries(ctx, el);
    }
  }
};

/** Elements with an `<add key=...>` (any case) somewhere below them; one reverse pass over document order. */
function withKeyedAdd(elements: XmlElement[]): Set<XmlElement> {
  const out = new Set<XmlElement>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    const keyedAdd = el.name.toLowerCase() === 'add' && el.attributes.some((a) => a.name.toLowerCase() === 'key');
    if ((keyedAdd || out.has(el)) && el.parent) out.add(el.parent);
  }
  return out;
}

/**
 * The entries of an appSettings section (or a look-alike). An `<add>` without `key` is said here: wfastcgi skips
 * it, and IIS does not mind (the published FX_schema.xml does not require key), so it is no 500.19.
 */
function checkEntries(ctx: Parameters<Rule>[0], section: XmlElement): void {
  for (const child of section.children) {
    const isAdd = child.name === 'add';
    if (!isAdd && child.name.toLowerCase() === 'add') {
      const s = nameSpan(child);
      ctx.report('appsettings-misspelled', s.start, s.end, 'app.misspelledAdd', { name: child.name });
    } else if (!isAdd) continue;
    let hasKey = false;
    for (const a of child.attributes) {
      const lower = a.name.toLowerCase();
      if (a.name === 'key') hasKey = true;
      if ((lower === 'key' || lower === 'value') && a.name !== lower) {
        ctx.report('appsettings-misspelled', a.nameStart, a.nameEnd, 'app.misspelledAttribute', { name: a.name, expected: lower });
        if (lower === 'key') hasKey = true;
      }
    }
    if (!hasKey && isAdd) {
      const s = nameSpan(child);
      ctx.report('appsettings-misspelled', s.start, s.end, 'app.noKey');
    }
  }
}

export const externalSource: Rule = (ctx) => {
  for (const section of ctx.model.appSettingsSections) {
    for (const name of ['configSource', 'file']) {
      const a = attr(section, name);
      if (!a) continue;
      const s = attrSpan(a);
      ctx.report('appsettings-external-source', s.start, s.end, 'app.externalSource', { name, value: a.value });
    }
  }
};

export const ptvsdSecret: Rule = (ctx) => {
  const address = envSetting(ctx.model, 'WSGI_PTVSD_ADDRESS');
  for (const s of ctx.model.appSettings) {
    if (s.key.toUpperCase() !== 'WSGI_PTVSD_SECRET') continue;
    const span = valueSpan(s.keyAttr);
    const related = address ? [{ ...valueSpan(address.keyAttr), messageKey: 'related.ptvsdAddress' as const }] : [];
    ctx.report('ptvsd-secret', span.start, span.end, 'ptvsd.secret', { address: address ? address.value : 'localhost:5678' }, related);
  }
};

export const djangoSettings: Rule = (ctx) => {
  const handler = envSetting(ctx.model, 'WSGI_HANDLER');
  if (!handler || !/^django\.core\.(wsgi\.get_wsgi_application|handlers\.wsgi\.WSGIHandler)\(\)$/.test(handler.value.trim())) return;
  if (envSetting(ctx.model, 'DJANGO_SETTINGS_MODULE')?.value.trim() || hostVariableFor(ctx, 'DJANGO_SETTINGS_MODULE')) return;
  const span = handler.valueAttr ? valueSpan(handler.valueAttr) : valueSpan(handler.keyAttr);
  // App Service turns the portal's Application settings into environment variables: it may be set there.
  if (!ctx.options.appHost && isAzureAppService(ctx.model)) return ctx.report('django-settings-missing', span.start, span.end, 'django.settingsMissingAzure', {}, [], 'warning');
  ctx.report('django-settings-missing', span.start, span.end, 'django.settingsMissing');
};

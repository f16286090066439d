/** Settings wfastcgi passes to Python: django-settings-module-invalid, virtualenv-proxy-bypassed. */
import { attr, attrValue, children, envSetting } from '../model/webConfig';
import type { XmlAttribute } from '../xml/types';
import { valueSpan, type Rule, type RuleContext } from './context';
import { exeEnvironment, splitScriptProcessor } from './scriptProcessorRules';
import { liveHandlers } from './reach';

/** Django imports DJANGO_SETTINGS_MODULE with importlib.import_module: a dotted module name, never a file. */
export function settingsModuleProblem(value: string): { key: 'django.settingsPath' | 'django.settingsPy'; suggestion: string } | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const isPath = /^[A-Za-z]:|[\\/]/.test(v);
  if (!isPath && !/\.py$/i.test(v)) return undefined;
  const parts = v.replace(/\.py$/i, '').split(/[\\/]+/).filter((p) => p && !/^[A-Za-z]:$/.test(p));
  const suggestion = isPath ? parts.slice(-2).join('.') : v.replace(/\.py$/i, '');
  return { key: isPath ? 'django.settingsPath' : 'django.settingsPy', suggestion };
}

export const djangoSettingsModule: Rule = (ctx) => {
  const values: XmlAttribute[] = [];
  for (const s of ctx.model.appSettings) if (s.key.toUpperCase() === 'DJANGO_SETTINGS_MODULE' && s.valueAttr) values.push(s.valueAttr);
  for (const p of ctx.model.httpPlatforms) {
    for (const v of children(p, 'environmentVariables').flatMap((e) => children(e, 'environmentVariable'))) {
      const value = attr(v, 'value');
      if (value && attrValue(v, 'name')?.trim().toUpperCase() === 'DJANGO_SETTINGS_MODULE') values.push(value);
    }
  }
  for (const a of values) report(ctx, a);
};

function report(ctx: RuleContext, a: XmlAttribute): void {
  const problem = settingsModuleProblem(a.value);
  if (!problem) return;
  const span = valueSpan(a);
  ctx.report('django-settings-module-invalid', span.start, span.end, problem.key, { value: a.value, suggestion: problem.suggestion });
}

const PROXY = /^ptvs_virtualenv_proxy\.get_virtualenv_handler\(\)$/;
const norm = (p: string) => p.trim().replace(/^"|"$/g, '').replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();

/** WSGI_ALT_VIRTUALENV_* are read only by ptvs_virtualenv_proxy; a WSGI_HANDLER that names the app skips them. */
export const virtualenvProxy: Rule = (ctx) => {
  const { model } = ctx;
  const handler = envSetting(model, 'WSGI_HANDLER');
  const alt = envSetting(model, 'WSGI_ALT_VIRTUALENV_HANDLER');
  const activate = envSetting(model, 'WSGI_ALT_VIRTUALENV_ACTIVATE_THIS');
  if (!handler?.valueAttr || !handler.value.trim() || PROXY.test(handler.value.trim())) return;
  if (!alt?.value.trim() && !activate?.value.trim()) return;
  // Already running the venv's own python.exe: the settings are leftovers, the environment is in use.
  const venv = activate?.value.trim() ? norm(activate.value).replace(/\\scripts\\activate_this\.py$/, '') : undefined;
  for (const h of liveHandlers(model)) {
    const parts = splitScriptProcessor(attrValue(h, 'scriptProcessor') ?? '');
    const env = parts && exeEnvironment(parts.exe);
    if (venv && env && norm(env) === venv) return;
  }
  const span = valueSpan(handler.valueAttr);
  const related = [alt, activate].filter((s) => s?.value.trim()).map((s) => ({ ...valueSpan(s!.keyAttr), messageKey: 'related.venvSetting' as const }));
  ctx.report('virtualenv-proxy-bypassed', span.start, span.end, 'venvProxy.bypassed',
    { value: handler.value, app: alt?.value.trim() || handler.value, activate: activate?.value.trim() || '-' }, related);
};

/**
 * Where the file is deployed, as far as the file itself tells: Azure App Service (Windows) and the Visual Studio
 * template banner. Both are read once per model.
 */
import type { WebConfig } from '../model/webConfig';

/** Azure App Service's own paths and variables: D:\home\site\wwwroot, %HOME%, D:\home\Python*, D:\Python27/34. */
const AZURE_VALUE = /^(\\\\\?\\)?(D:\\home\\|%home%[\\/]|D:\\Python(27|34)\\)|[;|]\s*(D:\\home\\|%home%[\\/])/i;
const AZURE_KEYS = /^(SCM_DO_BUILD_DURING_DEPLOYMENT|WEBSITE_[A-Z_]+)$/i;
/** The banners of the Visual Studio (PTVS) web.config templates for Azure and for publishing. */
const VS_BANNER = /Generated web(\.\w+)?\.config for Microsoft Azure|modifications being overwritten when publishing|This template is configured to use Python|aka\.ms\/PythonOnAppService/i;

interface Facts {
  azure: boolean;
  vsBanner: boolean;
}

const cache = new WeakMap<WebConfig, Facts>();

function facts(model: WebConfig): Facts {
  let f = cache.get(model);
  if (f) return f;
  const text = model.doc.text;
  const vsBanner = model.doc.comments.some((c) => c.end - c.start < 4000 && VS_BANNER.test(text.slice(c.start, c.end)));
  f = { vsBanner, azure: vsBanner && /Azure/i.test(bannerText(model)) || azureValues(model) };
  cache.set(model, f);
  return f;
}

function bannerText(model: WebConfig): string {
  const c = model.doc.comments.find((x) => x.end - x.start < 4000 && VS_BANNER.test(model.doc.text.slice(x.start, x.end)));
  return c ? model.doc.text.slice(c.start, c.end) : '';
}

/**
 * The settings and paths that only Azure App Service has (looked at where they occur: appSettings, handlers,
 * httpPlatform). WSGI_ALT_VIRTUALENV_* with ptvs_virtualenv_proxy is the PTVS template for Azure, but on-premises
 * copies of that template keep it too (with wfastcgi-enable's paths), so it counts only with an Azure path, which
 * these checks find anyway.
 */
function azureValues(model: WebConfig): boolean {
  if (model.appSettings.some((s) => AZURE_KEYS.test(s.key) || AZURE_VALUE.test(s.value))) return true;
  for (const el of [...model.handlers, ...model.httpPlatforms]) {
    for (const a of el.attributes) if (AZURE_VALUE.test(a.value)) return true;
  }
  return false;
}

/** True when the file is (by its paths, settings or template banner) an Azure App Service (Windows) configuration. */
export function isAzureAppService(model: WebConfig): boolean {
  return facts(model).azure;
}

/** True when the file carries a Visual Studio (PTVS) web.config template banner. */
export function hasVisualStudioBanner(model: WebConfig): boolean {
  return facts(model).vsBanner;
}

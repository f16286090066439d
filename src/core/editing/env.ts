/** What the editor features know about this machine and project, supplied by the adapters. */
import type { AppHostConfig } from '../host/appHost';
import type { MessageArgs, MessageKey } from '../messages';
import type { Schema } from '../schema/types';

export interface Interpreter {
  /** python.exe (or python) path. */
  python: string;
  /** wfastcgi.py of the same environment, when installed there. */
  wfastcgi?: string;
  /** Where it came from, shown to the user. */
  source: 'python-extension' | 'venv' | 'path' | 'template' | 'server';
  version?: string;
}

export interface WsgiApp {
  /** The WSGI_HANDLER value: `module.app`, `module.create_app()`, `django.core.wsgi.get_wsgi_application()`. */
  handler: string;
  /** Where it is defined, for the user. */
  detail?: string;
  /** ASGI apps are served by uvicorn under HttpPlatformHandler, never by wfastcgi. */
  asgi?: boolean;
  djangoSettings?: string;
  /** Folders relative to the site that must be on PYTHONPATH (`src` in a src layout). */
  pythonPath?: string[];
}

export interface EditingEnv {
  interpreters?: Interpreter[];
  wsgiApps?: WsgiApp[];
  /** Folders of the application folder, relative (`src`, `logs`). */
  folders?: string[];
  appHost?: AppHostConfig;
  /** Where a WSGI_HANDLER value is defined (Python-aware analysis). */
  resolveHandler?: (value: string) => { path: string; line: number } | undefined;
  /** appSettings keys the parents' web.config files leave in force (upper-cased): completion does not offer them. */
  inheritedSettingKeys?: string[];
  /** Folders of `folders` that IIS serves to everyone (their web.config removes the Python handler). */
  servedFolders?: string[];
  /** The application folder's path on the server (flaskIis.server.sitePath), to place server paths in the project. */
  sitePath?: string;
  /** The document's own folder, to make resolved paths relative (hover links). */
  appFolder?: string;
  /** Known environment variables (for %VAR% expansion on hover). */
  environment?: Record<string, string>;
  /**
   * The schema the document resolves to: the host's schema files when given, else the profiles of its target
   * (flaskIis.iis.target, resource-scoped). Undefined: the profiles of the default target.
   */
  schema?: Schema;
}

/** Documentation of something under the cursor, structured so adapters can translate the labels. */
export interface DocBlock {
  title: string;
  /** The Python-specific documentation (catalogue), translated by the adapter; empty when only the schema speaks. */
  summary: string;
  /** What the schema says: type, required, allowed range (message keys, arguments shown as code). */
  facts?: { key: MessageKey; args?: MessageArgs }[];
  default?: string;
  values?: string[];
  example?: string;
  link?: string;
  notes?: string[];
}

/** The trust boundary (docs/security.md): what the workspace may not choose. (English templates; see ../messages.ts) */
export const TRUST_MESSAGES = {
  'trust.configInterpreterSkipped': 'Did not run {python}, the python.exe that web.config\'s scriptProcessor names: the repository chose it, not you. Pass --trust-config to run it, or --python to choose one.',
  'trust.noInterpreter': 'No Python interpreter runs on PATH. Give one with --python EXE.{skips}',
  'trust.noSuchExecutable': '{given}: no such executable. Give an absolute path, or a name found on PATH outside the project.{skips}',
  'trust.pathSkipped': ' Skipped on PATH, because a repository could have put them there: {list}. Name one with --python to use it.',
  'trust.skip.relative': '{candidate} (a relative PATH entry)',
  'trust.skip.currentFolder': '{candidate} (in the current folder)',
  'trust.skip.workspace': '{candidate} (inside the project)',
  'trust.processPathNeedsTrust': 'Did not start processPath: web.config chose that program, not you. To run it, confirm this exact command with --trust-config: {command}',
  'trust.processPathReplaced': 'Did not start {path}, the processPath web.config names; using the interpreter you chose instead. --trust-config starts it.',
  'trust.processPathRemote': 'processPath "{path}" is a network or device path: it is never started or opened from this machine. Use a local path.',
  'trust.processPathMissing': 'processPath "{path}" does not exist on this machine. Install it here, or run with --python for a Python processPath.',
  'trust.noProcessPath': '<httpPlatform> has no processPath. Add the program IIS should start (processPath="...\\python.exe").',
  'trust.noHttpPlatform': 'This web.config has no <httpPlatform> element. Add one, or use wfastcgi\'s WSGI_HANDLER.',
} as const;

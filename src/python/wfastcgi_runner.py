"""Flask on IIS: load (verify) or serve (run) a WSGI_HANDLER the way wfastcgi 3.0 starts it on IIS.

Written from the documented behaviour of wfastcgi (no code of wfastcgi is used):
chdir to the application folder, sys.path[0] = '.', appSettings read from web.config with minidom
semantics (element and attribute names case-sensitive, keys stripped, empty keys skipped, a later
duplicate wins), every pair copied into the environment (names case-insensitive, as on Windows),
PYTHONPATH expanded (%NAME%, unknown -> '') and appended to sys.path, WSGI_HANDLER resolved with the
ImportError-only fallback, WSGI_RESTART_FILE_REGEX compiled.

verify then sends requests (GET /, or each --path) through the loaded application in the same process, with
wfastcgi's per-request environment, and reports each status, traceback and the number of routes the app has.

confirm loads one candidate handler before any web.config exists (init's confirmation): the same chdir,
sys.path and ImportError fallback, PYTHONPATH entries and DJANGO_SETTINGS_MODULE given, then counts the routes.

usage: python wfastcgi_runner.py verify APP_DIR [--path P]...
       python wfastcgi_runner.py run APP_DIR [--port N]
       python wfastcgi_runner.py confirm APP_DIR HANDLER [--pythonpath ENTRY]... [--settings MODULE]
The verdict is one line on stdout: FLASK_IIS_RESULT {json}.  Python 3.7+; standard library only.
"""
import inspect
import io
import json
import os
import re
import sys
import time
import traceback

import wfastcgi_request  # beside this script; imported before sys.path[0] becomes the application folder
import wfastcgi_serve

STARTED = time.perf_counter()
RUNNER = os.path.abspath(__file__)
MARK = "FLASK_IIS_"
DEFAULT_RESTART_REGEX = r".*((\.py)|(\.config))$"
REAL_STDOUT = sys.stdout


def emit(kind, payload):
    REAL_STDOUT.write(MARK + kind + " " + json.dumps(payload) + "\n")
    REAL_STDOUT.flush()


class StartupError(Exception):
    """A start-up failure, worded as wfastcgi words it."""

    def __init__(self, stage, message, tb=""):
        Exception.__init__(self, message)
        self.stage = stage
        self.message = message
        self.tb = tb


def find_web_config(folder):
    for name in ("Web.config", "web.config"):
        if os.path.isfile(os.path.join(folder, name)):
            return os.path.join(folder, name)
    for name in sorted(os.listdir(folder)):
        if name.lower() == "web.config":
            return os.path.join(folder, name)
    return None


def read_app_settings(path):
    """Every <add key value> below an <appSettings> below <configuration>, in document order."""
    from xml.dom import minidom

    doc = minidom.parse(path)
    settings = []
    for configuration in doc.getElementsByTagName("configuration"):
        for section in configuration.getElementsByTagName("appSettings"):
            for add in section.getElementsByTagName("add"):
                key = add.getAttribute("key").strip()
                if key:
                    settings.append((key, add.getAttribute("value")))
    return settings


def env_get(name):
    """Environment look-up by name, case-insensitive as on Windows."""
    if name in os.environ:
        return os.environ[name]
    upper = name.upper()
    for key, value in os.environ.items():
        if key.upper() == upper:
            return value
    return None


def env_set(name, value):
    """Environment assignment that replaces any differently-cased name (Windows semantics)."""
    if os.name != "nt":
        for key in [k for k in os.environ if k.upper() == name.upper() and k != name]:
            del os.environ[key]
    os.environ[str(name)] = str(value)


# The application folder's paths on the server (`C:\\inetpub\\wwwroot\\shop`, `D:\\home\\site\\wwwroot`), given by the
# extension (issue 11: server paths map to the workspace). PYTHONPATH entries below one are mapped to the local
# folder before expansion, so a correct server path does not make verify fail on another machine.
SERVER_ROOTS = json.loads(os.environ.pop("FLASK_IIS_SERVER_ROOTS", "[]") or "[]")


def map_server_roots(value):
    out = []
    for part in value.split(";"):
        norm = part.replace("/", "\\").rstrip("\\").lower()
        for root in SERVER_ROOTS:
            r = root.replace("/", "\\").rstrip("\\").lower()
            if r and (norm == r or norm.startswith(r + "\\")):
                rest = [c for c in part.replace("/", "\\")[len(r):].split("\\") if c]
                part = os.path.join(os.getcwd(), *rest)
                break
        out.append(part)
    return ";".join(out)


def expand_python_path(value):
    expanded = re.sub(r"%(\w+?)%", lambda m: env_get(m.group(1)) or "", map_server_roots(value))
    return [part for part in expanded.split(";") if part]


def format_exc():
    """The current exception's traceback without this runner's own frames (wfastcgi's frames are not shown either)."""
    etype, value, tb = sys.exc_info()
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == RUNNER:
        tb = tb.tb_next
    return "".join(traceback.format_exception(etype, value, tb))


def split_name(part):
    return (part[:-2], True) if part.endswith("()") else (part, False)


def resolve_handler(value):
    """WSGI_HANDLER: longest importable module prefix; only ImportError moves a segment to the names."""
    module_name, _, last = value.rpartition(".")
    names = [split_name(last)]
    last_tb = ""
    while module_name:
        try:
            handler = __import__(module_name, fromlist=[names[0][0]])
            for name, call in names:
                handler = getattr(handler, name)
                if call:
                    handler = handler()
            return handler
        except ImportError:
            last_tb = ": " + format_exc()
            module_name, _, segment = module_name.rpartition(".")
            names.insert(0, split_name(segment))
    raise ValueError('"%s" could not be imported%s' % (value, last_tb))


def not_wsgi_reason(handler):
    """Why wfastcgi's per-request call handler(environ, start_response) would fail, or None."""
    if not callable(handler):
        return "TypeError: '%s' object is not callable" % type(handler).__name__
    target = handler if inspect.isfunction(handler) or inspect.ismethod(handler) else getattr(handler, "__call__", handler)
    if inspect.iscoroutinefunction(target):
        return "%s is an ASGI application (async, called with scope, receive, send): wfastcgi is WSGI-only" % type(handler).__name__
    try:
        inspect.signature(handler).bind({}, lambda *a: None)
    except TypeError as e:
        return "TypeError: %s (wfastcgi calls it as handler(environ, start_response))" % e
    except ValueError:
        return None
    return None


def start_up(app_dir):
    """wfastcgi's start-up; returns (handler, settings) or raises StartupError."""
    os.chdir(app_dir)
    sys.path[0] = "."
    config = find_web_config(".")
    if config is None:
        raise StartupError("config", "Error occurred while reading WSGI handler: no Web.config in " + app_dir)
    try:
        pairs = read_app_settings(config)
    except Exception:
        raise StartupError("config", "Error occurred while reading WSGI handler", format_exc())
    settings = {}
    for key, value in pairs:
        settings[key] = value
        env_set(key, value)
    python_path = env_get("PYTHONPATH")
    if python_path:
        sys.path.extend(expand_python_path(python_path))
    value = env_get("WSGI_HANDLER")
    if not value:
        raise StartupError("handler", "Error occurred while reading WSGI handler", "Exception: WSGI_HANDLER env var must be set\n")
    try:
        handler = resolve_handler(value)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        tb = format_exc()
        if isinstance(e, SystemExit):
            tb += "\nThe module exited the process while being imported: IIS reports 'The FastCGI process exited unexpectedly'.\n"
        raise StartupError("handler", "Error occurred while reading WSGI handler", tb)
    regex = settings.get("WSGI_RESTART_FILE_REGEX", DEFAULT_RESTART_REGEX)
    if regex:
        try:
            re.compile(regex)
        except re.error:
            raise StartupError("regex", "Error occurred starting file watcher", format_exc())
    return handler, value


def project_frames(tb_text):
    """(file, line) of traceback frames inside the application folder, for links back into the project."""
    here = os.path.abspath(".")
    out = []
    for m in re.finditer(r'File "([^"]+)", line (\d+)', tb_text):
        path = os.path.abspath(m.group(1))
        if path.startswith(here + os.sep) and "site-packages" not in path:
            out.append({"file": path, "line": int(m.group(2))})
    return out


def load(app_dir):
    captured = io.StringIO()
    sys.stdout = sys.stderr = captured
    try:
        handler, value = start_up(app_dir)
        reason = not_wsgi_reason(handler)
    except StartupError as e:
        return None, {"ok": False, "stage": e.stage, "error": e.message, "traceback": e.tb, "frames": project_frames(e.tb), "output": captured.getvalue()}
    finally:
        sys.stdout, sys.stderr = REAL_STDOUT, sys.__stderr__
    # wfastcgi does not judge the object it loaded: it loads, and the requests show what it is (verify sends one).
    result = {"ok": True, "stage": "callable", "handler": value, "type": type(handler).__name__,
              "output": captured.getvalue(), "loadMs": round((time.perf_counter() - STARTED) * 1000)}
    if reason:
        result["notWsgi"] = "Every request would fail: " + reason
    return handler, result


def confirm(app_dir, value, python_path, settings):
    """Load one candidate as wfastcgi would (without a web.config) and count its routes."""
    captured = io.StringIO()
    sys.stdout = sys.stderr = captured
    try:
        os.chdir(app_dir)
        sys.path[0] = "."
        sys.path.extend(python_path)
        if settings:
            env_set("DJANGO_SETTINGS_MODULE", settings)
        handler = resolve_handler(value)
        routes = wfastcgi_request.count_routes(handler)
        reason = not_wsgi_reason(handler)
        result = {"ok": True, "handler": value, "routes": routes, "type": type(handler).__name__}
        if reason:
            result["notWsgi"] = reason
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        tb = format_exc()
        last = [line for line in tb.strip().splitlines() if line.strip()]
        result = {"ok": False, "handler": value, "error": last[-1] if last else type(e).__name__, "traceback": tb}
    finally:
        sys.stdout, sys.stderr = REAL_STDOUT, sys.__stderr__
    result["python"] = sys.version.split()[0]
    result["executable"] = sys.executable
    emit("RESULT", result)
    return 0 if result["ok"] else 1


def main(argv):
    if len(argv) >= 4 and argv[1] == "confirm":
        emit("STARTED", {"python": sys.version.split()[0], "executable": sys.executable})
        python_path = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--pythonpath"]
        settings = argv[argv.index("--settings") + 1] if "--settings" in argv[:-1] else None
        return confirm(os.path.abspath(argv[2]), argv[3], python_path, settings)
    if len(argv) < 3 or argv[1] not in ("verify", "run"):
        sys.stderr.write(__doc__)
        return 2
    emit("STARTED", {"python": sys.version.split()[0], "executable": sys.executable})
    handler, result = load(os.path.abspath(argv[2]))
    result["python"] = sys.version.split()[0]
    result["executable"] = sys.executable
    if argv[1] == "verify" and handler is not None:
        paths = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--path"] or ["/"]
        result["requests"] = [wfastcgi_request.request(handler, p, wfastcgi_serve.as_wfastcgi) for p in paths]
        result["routes"] = wfastcgi_request.count_routes(handler)
    emit("RESULT", result)
    if argv[1] == "verify" or handler is None:
        return 0 if result["ok"] else 1
    port = int(argv[argv.index("--port") + 1]) if "--port" in argv else 0
    return wfastcgi_serve.serve(handler, port, STARTED, emit)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Flask on IIS: one request through a loaded WSGI handler, in the same process, the way wfastcgi calls it
(environ as wfastcgi builds it on IIS: SCRIPT_NAME '', wsgi.multithread False, wsgi.multiprocess True), with the
status, the start of the body, and the traceback of an exception (raised through wfastcgi's wrapper, or logged by
the framework: Flask and Django turn view errors into a 500 and log them). Standard library only."""
import io
import logging
import sys
import traceback

BODY_CHARS = 2000


class _Collect(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self, logging.ERROR)
        self.records = []

    def emit(self, record):
        if record.exc_info:
            self.records.append("".join(traceback.format_exception(*record.exc_info)))
        else:
            self.records.append(record.getMessage())


def environ_for(path):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path or "/", "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1", "CONTENT_LENGTH": "", "wsgi.version": (1, 0), "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(), "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }


def request(handler, path, as_wfastcgi):
    """{"path", "status", "body", "error"?, "traceback"?, "logged"?} for GET path."""
    out = {"path": path}
    state = {}

    def start_response(status, headers, exc_info=None):
        state["status"] = status
        return lambda data: None

    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        body = b"".join(as_wfastcgi(handler, lambda: None)(environ_for(path), start_response))
    except BaseException as e:  # the wrapper catches Exception; SystemExit and the like end the process on IIS
        if isinstance(e, KeyboardInterrupt):
            raise
        state["status"] = "500 Internal Server Error"
        body = b""
        out["error"] = "%s: %s" % (type(e).__name__, e)
        out["traceback"] = traceback.format_exc()
    finally:
        sys.stdout, sys.stderr = saved
        root.removeHandler(collect)
    text = body.decode("utf-8", "replace")
    status = state.get("status", "")
    out["status"] = int(status.split()[0]) if status[:3].isdigit() else 0
    out["statusText"] = status
    if text.startswith("Error occurred:") and out["status"] == 500:
        # wfastcgi's own 500: the exception escaped the application.
        out["traceback"] = text[len("Error occurred:"):].strip()
        last = [l for l in out["traceback"].splitlines() if l and not l.startswith(" ")]
        out["error"] = last[-1] if last else "Error occurred"
    elif collect.records:
        out["logged"] = collect.records[-1]
        last = [l for l in collect.records[-1].splitlines() if l and not l.startswith(" ")]
        if out["status"] >= 500 and last:
            out["error"] = last[-1]
            out["traceback"] = collect.records[-1]
    out["body"] = text[:BODY_CHARS]
    return out


def count_routes(handler):
    """Routes of the app (Flask url_map, Django urlpatterns, Bottle routes, Falcon routes), through the usual
    wrappers (DispatcherMiddleware, WhiteNoise, ProxyFix, app.wsgi_app); None when unknown."""
    seen = set()
    total = [None]

    def add(n):
        total[0] = (total[0] or 0) + n

    def visit(obj, depth):
        if obj is None or id(obj) in seen or depth > 6:
            return
        seen.add(id(obj))
        url_map = getattr(obj, "url_map", None)
        if url_map is not None and hasattr(url_map, "iter_rules"):
            add(sum(1 for r in url_map.iter_rules() if r.endpoint != "static"))
            return
        module = type(obj).__module__ or ""
        if module.startswith("django."):
            try:
                from django.urls import get_resolver
                add(_django_count(get_resolver().url_patterns))
            except Exception:
                pass
            return
        routes = getattr(obj, "routes", None)
        if isinstance(routes, list) and module.startswith("bottle"):
            add(len(routes))
            return
        router = getattr(obj, "_router", None)
        if router is not None and module.startswith("falcon"):
            add(len(getattr(router, "_roots", []) or []))
            return
        for attr in ("app", "application", "wsgi_app", "_app"):
            inner = getattr(obj, attr, None)
            if inner is not None and inner is not obj and not isinstance(inner, type(sys)):
                visit(inner, depth + 1)
        mounts = getattr(obj, "mounts", None)
        if isinstance(mounts, dict):
            for inner in mounts.values():
                visit(inner, depth + 1)
        owner = getattr(obj, "__self__", None)
        if owner is not None:
            visit(owner, depth + 1)

    try:
        visit(handler, 0)
    except Exception:
        return total[0]
    return total[0]


def _django_count(patterns, depth=0):
    n = 0
    for p in patterns:
        inner = getattr(p, "url_patterns", None)
        n += _django_count(inner, depth + 1) if inner is not None and depth < 10 else 1
    return n

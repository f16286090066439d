"""Flask on IIS: serve a loaded WSGI handler on 127.0.0.1 with the standard library's WSGI server,
with wfastcgi's per-request differences: one request at a time (multithread False, multiprocess True),
SCRIPT_NAME empty unless an AllowPathInfoForScriptMappings variable exists, HTTP_X_ORIGINAL_URL (set by
URL Rewrite) replacing PATH_INFO, HTTPS=on giving https, stdout/stderr captured per request.
Prints the first-request time (process start to first response) and a hint when it is over 2 s."""
import io
import os
import sys
import time
import traceback
from urllib.parse import unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

COLD_START_HINT_S = 2.0


def env_has(name):
    upper = name.upper()
    return any(k.upper() == upper for k in os.environ)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


def as_wfastcgi(handler, on_first):
    state = {"first": True}

    def app(environ, start_response):
        if not env_has("AllowPathInfoForScriptMappings"):
            environ["SCRIPT_NAME"] = ""
        original = environ.get("HTTP_X_ORIGINAL_URL")
        if original:
            environ["PATH_INFO"] = unquote(original.partition("?")[0])
        if environ.get("HTTPS", "").lower() == "on":
            environ["wsgi.url_scheme"] = "https"
        environ["wsgi.multithread"] = False
        environ["wsgi.multiprocess"] = True
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = io.StringIO()
        try:
            result = handler(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        except Exception:
            output = sys.stdout.getvalue()
            sys.stdout, sys.stderr = saved
            text = "Error occurred:\n\n" + traceback.format_exc() + ("\n\nStdOut/StdErr:\n" + output if output else "")
            sys.stderr.write(text + "\n")
            start_response("500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")], sys.exc_info())
            body = text.encode("utf-8")
        finally:
            sys.stdout, sys.stderr = saved
        if state["first"]:
            state["first"] = False
            on_first()
        return [body]

    return app


def exit_with_parent():
    """Standard input is a pipe from the parent (flask-iis / the editor): when it closes, the parent is gone."""
    import threading

    def watch():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except Exception:
            pass
        os._exit(0)

    if sys.stdin is not None and not sys.stdin.isatty():
        threading.Thread(target=watch, name="flask-iis-parent-watch", daemon=True).start()


def serve(handler, port, started, emit):
    exit_with_parent()
    def on_first():
        seconds = time.perf_counter() - started
        payload = {"ms": round(seconds * 1000)}
        if seconds > COLD_START_HINT_S:
            payload["hint"] = ("The first request took %.1f s: IIS starts python.exe on the first request after every "
                               "recycle or idle timeout, so users wait this long. Import less at start-up, or keep the "
                               "process warm (application pool startMode=AlwaysRunning, idleTimeout 0, "
                               "Application Initialization)." % seconds)
        emit("FIRST_REQUEST", payload)

    server = make_server("127.0.0.1", port, as_wfastcgi(handler, on_first), server_class=WSGIServer, handler_class=QuietHandler)
    emit("LISTENING", {"url": "http://127.0.0.1:%d/" % server.server_port, "port": server.server_port})
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

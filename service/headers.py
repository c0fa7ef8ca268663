"""Security headers on every answer: ``nosniff`` everywhere, a strict CSP on HTML pages.

Everything a page needs is served from this service (``/static``; no CDN), so the policy
allows this origin only. Two allowances, each needed by a page and neither able to run
script: ``style-src-attr 'unsafe-inline'`` for the comparison's per-cell colours (``style=``
attributes set from the graph's SDG colours), and ``data:`` images and fonts used by the
query editor's stylesheet. Pages may not be framed, forms post only here, and no ``<base>``
can redirect links.

The one exception is the API documentation (``/docs``): FastAPI draws it with the vendored
Swagger UI and an inline start-up script, so that path gets :data:`DOCS_POLICY`, which adds
inline script and styles — still from this origin only.
"""

from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .links import app_path

CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

#: The API documentation page: Swagger UI (vendored, under /static) and FastAPI's inline
#: start-up script; nothing from elsewhere.
DOCS_POLICY: Final = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src blob:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
DOCS_PATHS: Final = frozenset({"/docs"})

_ALWAYS: Final = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_HTML: Final = ((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),)
_DOCS: Final = ((b"content-security-policy", DOCS_POLICY.encode()),)


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                kind = next((v for n, v in headers if n.lower() == b"content-type"), b"")
                html = _DOCS if app_path(scope) in DOCS_PATHS else _HTML
                extra = _ALWAYS + (html if kind.lower().startswith(b"text/html") else ())
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""HEAD is GET without the body (RFC 9110 §9.3.2), on every path that answers GET.

FastAPI's routes answer only the methods they list, and the linked-data catch-all answers
HEAD for any path with 404, so ``HEAD /health`` was 404 while ``GET /health`` was 200. This
middleware asks the app for the GET answer and sends its status and headers (Content-Length
included) without the body.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: HEAD requests are answered as GET, with the body left out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        finished = False

        async def send_headers_only(message: Message) -> None:
            nonlocal finished
            if message["type"] != "http.response.body":
                await send(message)
            elif not finished and not message.get("more_body", False):
                finished = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)

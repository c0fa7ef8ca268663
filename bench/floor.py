"""The Python HTTP floor: a bare ASGI app under uvicorn that answers every request with the
same bytes, served as ``samverkan serve`` serves (uvicorn with its access log, httptools,
uvloop). ``bench/run.py`` measures it under the same client as the endpoints, to show how
much of a small query's cost is Python's HTTP serving rather than the service.

    uvicorn --app-dir bench floor:app    # FLOOR_BODY_FILE names the bytes to send
"""

import os
from pathlib import Path

from starlette.types import Receive, Scope, Send

_BODY = Path(os.environ["FLOOR_BODY_FILE"]).read_bytes() if "FLOOR_BODY_FILE" in os.environ else b""


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    headers = [(b"content-type", b"application/sparql-results+json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _BODY})

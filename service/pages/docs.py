"""``/docs``: the OpenAPI page (Swagger UI) with its assets served from /static, not a CDN.

FastAPI's own ``/docs`` loads Swagger UI from jsdelivr and its favicon from fastapi's site,
so it is blank offline; the app turns it off (``docs_url=None``) and this route serves the
same page from the vendored ``swagger-ui-dist`` (see scripts/refresh_vendor.sh). Swagger UI's
validator badge (an image from validator.swagger.io) is switched off.
"""

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter()

_ASSETS = "/static/vendor/swagger-ui"


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over this app's OpenAPI description, every asset local."""
    root = request.scope.get("root_path", "").rstrip("/")
    return get_swagger_ui_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} · API",
        swagger_js_url=f"{root}{_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{root}{_ASSETS}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )

"""The API routes: each calls one service function and shapes the HTTP answer, nothing more."""

from typing import Any

from api.service.schemas import ErrorResponse

_DESCRIPTIONS = {
    400: "请求有误 / Bad request", 401: "需要 API 密钥 / API key required", 403: "无权限 / Forbidden",
    404: "未找到 / Not found", 409: "尚未就绪 / Not ready", 413: "过大 / Too large",
    415: "类型不支持 / Unsupported media type", 422: "无效 / Invalid", 429: "请求过多 / Too many requests",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for error statuses, all with the one error body."""
    return {s: {"model": ErrorResponse, "description": _DESCRIPTIONS[s]} for s in (401, 429, *statuses)}

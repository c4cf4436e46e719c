"""The web pages of the service (upload, report, batch dashboard); the service's app includes ``router``."""

from api.web.routes import router

__all__ = ["router"]

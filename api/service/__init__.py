"""The HTTP service: storage, queued background work, access control and the FastAPI app.

Routes (``api/service/routes``) hold no logic; they call the functions of the modules here.
"""

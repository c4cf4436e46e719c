"""JSON Schema export of the shared models (committed under ``models/schemas/``)."""

import json
from pathlib import Path

from pydantic import BaseModel

from models.document import Document
from models.errors import ErrorInfo
from models.report import GapReport, MatrixReport
from models.span import Span

SCHEMA_DIR = Path(__file__).with_name("schemas")
EXPORTED: dict[str, type[BaseModel]] = {
    "document": Document,
    "span": Span,
    "error": ErrorInfo,
    "gap_report": GapReport,
    "matrix_report": MatrixReport,
}


def schema_text(model: type[BaseModel]) -> str:
    """Return the model's JSON Schema as stable, pretty JSON."""
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Write one ``<name>.schema.json`` per exported model and return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in EXPORTED.items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written

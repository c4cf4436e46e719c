"""A stretch of a document's normalized text: the unit of evidence."""

from pydantic import BaseModel, Field, model_validator


class Span(BaseModel):
    """Characters ``[start, end)`` of ``Document.text`` on ``page`` (1-based), with their text."""

    page: int = Field(ge=1, description="1-based page the span starts on")
    start: int = Field(ge=0, description="offset of the first character in Document.text")
    end: int = Field(ge=0, description="offset one past the last character in Document.text")
    quote: str = Field(description="Document.text[start:end]")

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        if len(self.quote) != self.end - self.start:
            raise ValueError("quote length does not match end - start")
        return self

"""One backend per input format, each turning bytes into an ``intake.raw.RawDocument``."""

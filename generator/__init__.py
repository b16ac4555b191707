"""plangen: annual plans for controlling administrative procedures, kept as YAML, rendered as DOCX."""

__version__ = "0.1.0"

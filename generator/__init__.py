"""plangen: annual plans for controlling administrative procedures, kept as YAML, rendered as DOCX."""

from generator.plan import yaml_import  # noqa: F401  (before any module imports PyYAML)

__version__ = "0.1.0"

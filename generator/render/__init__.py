"""DOCX rendering of a typed plan (Decree 30/2020 layout): ``render_plan(plan) -> bytes``."""
from generator.render.compose import DEFAULT_TEMPLATE, render_plan
from generator.render.skeleton import TemplateError

__all__ = ["DEFAULT_TEMPLATE", "TemplateError", "render_plan"]

"""DOCX rendering of a typed plan (Decree 30/2020 layout): ``compose.render_plan(plan) -> bytes``.

Nothing is imported here, so reading the template cache (cache.py) does not load the renderer.
"""

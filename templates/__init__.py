"""templates/plan.docx as package data: the wheel installs this folder as generator.templates
(pyproject.toml, generator/resources.py); make_templates.py rebuilds the file."""

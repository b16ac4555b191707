"""schema/plan.schema.json as package data: the wheel installs this folder as generator.schema
(pyproject.toml, generator/resources.py); `plangen schema -o schema/plan.schema.json` writes it."""

"""``python -m generator`` is ``plangen``."""
from generator.commands import run

run(prog_name="plangen")

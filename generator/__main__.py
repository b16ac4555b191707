"""``python -m generator`` is ``plangen``."""
from generator.commands import main

main(prog_name="plangen")

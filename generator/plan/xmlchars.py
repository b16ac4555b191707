"""The characters XML 1.0 cannot hold: plans are refused with them (plan/rules.py), and the
renderer refuses them too, as lxml does, whatever model it is given (render/ooxml.py)."""
from __future__ import annotations

import re

NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

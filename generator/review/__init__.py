"""Review tools: what changed between two plans, and git integration.

``plangen diff`` compares two *resolved* plans (a file, or ``REV:path`` read from git) and
reports the changes a signer cares about: tasks added, dropped, moved or edited, legal bases,
paragraphs and the identity of the issuing document.
"""
from generator.review.compare import diff_plans
from generator.review.sources import SourceError, open_plan

__all__ = ["SourceError", "diff_plans", "open_plan"]

"""Review tools: what changed between two plans, and git integration.

``plangen diff`` compares two *resolved* plans (a file, or ``REV:path`` read from git) and
reports the changes a signer cares about: tasks added, dropped, moved or edited, legal bases,
paragraphs and the identity of the issuing document; ``plangen redline`` shows the same changes
as tracked changes in the documents. Nothing is imported here, so ``plangen text`` stays light.
"""

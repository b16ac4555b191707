"""Bringing an existing Word plan into YAML (``plangen import``).

A DOCX made by plangen, Word or LibreOffice is read into the plan format: standalone, or, with
``--extends``, as a child that writes only what differs from its parent. Nothing is imported here.
"""

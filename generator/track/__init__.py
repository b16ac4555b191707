"""Tracking a plan through its year: status files, computed standing, reports, spreadsheets.

A status file (``status/<plan>/<period>.yaml``) says, per task id, where the task stands at a
date; the report, the spreadsheet exchange and the roll-up across the plan tree are computed from
it and the plan's structured deadlines. Nothing is imported here.
"""

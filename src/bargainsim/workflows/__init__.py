"""Orchestration, the top layer beside the command line: simulate → store → analyse →
draw. The command-line handlers and the notebook call these; nothing below imports them.
"""

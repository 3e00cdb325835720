"""Control characters at the input boundary (issue #14, SECURITY.md C1/F6).

A backspace or NUL pasted into a reason or a name is invisible on screen, cannot be stored in PostgreSQL text
(NUL) and cannot be written into an .xlsx file (XML 1.0 forbids C0 controls), so one such character once made
the audit export fail for every auditor. Text therefore enters without them: staff forms have them stripped
(`sifa.core.middleware.ControlCharacterMiddleware`), the API refuses them with a Chinese message, ledger
imports refuse the cell, and every spreadsheet we write drops them as a last line of defence.

Tab, line feed and carriage return are ordinary text and stay.
"""

import re

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
REFUSAL = "含有不允许的控制字符（如退格、NUL），请删除后重新提交。"


def strip(text: str) -> str:
    return CONTROL_CHARS.sub("", text)


def contains(node) -> bool:
    """Whether a string, or any key or value of nested dicts/lists, holds a control character."""
    if isinstance(node, str):
        return CONTROL_CHARS.search(node) is not None
    if isinstance(node, dict):
        return any(contains(k) or contains(v) for k, v in node.items())
    if isinstance(node, list | tuple):
        return any(contains(v) for v in node)
    return False

"""Dashboards (驾驶舱) and the work report (工作总结), assembled from indicators.

Business lines contribute report paragraphs and dashboard figures in their own `report.py`::

    from sifa.reports import Dashboard, Paragraph, Sentence, register, register_dashboard

See sifa/reports/README.md for the template language and the registry API.
"""

from .chapters import Chapter, register_chapter
from .registry import Dashboard, Paragraph, Sentence, register, register_dashboard

__all__ = ["Chapter", "Dashboard", "Paragraph", "Sentence", "register", "register_chapter", "register_dashboard"]

"""Rendering a report sentence as HTML: each figure a link to its drill-down; an override marked 人工修改 with
the computed value in its title; a figure without a value shown as “—” with its reason."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .. import document
from ..templating import Figure

register = template.Library()
LEAD_ENDINGS = ("。", "！", "？", "：")


def _figure_html(figure: Figure) -> str:
    if figure.overridden:
        title = f"人工修改：系统计算值为{figure.computed}{figure.result.unit}（{figure.result.name}），点击查看记录"
        html = format_html('<a class="fig override" href="{}" title="{}"><mark>{}</mark></a>'
                           '<sup class="note-ref" title="{}">人工修改·注{}</sup>',
                           figure.url, title, figure.text, title, figure.note_number)
    elif figure.missing:
        html = format_html('<a class="fig missing" href="{}" title="{}">{}</a><sup class="note-ref">注{}</sup>',
                           figure.url, figure.reason, figure.text, figure.note_number)
    else:
        title = f"{figure.result.name}：{figure.result.display_with_unit}（{figure.result.code}），点击查看记录"
        html = format_html('<a class="fig" href="{}" title="{}">{}</a>', figure.url, title, figure.text)
    return html


@register.simple_tag
def piece_html(piece, lead=False):
    parts = [_figure_html(i) if isinstance(i, Figure) else conditional_escape(i) for i in piece.items]
    if lead and piece.text.strip() and not piece.text.strip().endswith(LEAD_ENDINGS):
        parts.append("。")
    classes = "piece" + (" edited" if piece.edited else "")
    return format_html('<span class="{}" id="{}">{}</span>', classes, document.anchor(piece.key),
                       mark_safe("".join(str(p) for p in parts)))


@register.filter
def cn_date(day):
    return document.cn_date(day) if day else ""


@register.filter
def anchor(key: str) -> str:
    return document.anchor(str(key))

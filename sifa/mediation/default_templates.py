"""Builds the default .docx templates shipped in document_templates/ (人民调解申请书, 调解笔录, 人民调解协议书),
laid out after the Ministry of Justice's reference formats for 人民调解文书.

They are plain Word documents with docxtpl (Jinja) fields, so a bureau can download one, edit the wording and the
layout in Word or WPS, and upload it back (see documents.py for the fields available). Rebuild the shipped files
with ``python -m sifa.mediation.default_templates``.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core.documents import lines, official_document

TEMPLATE_DIR = Path(__file__).resolve().parent / "document_templates"
# Keyed by models.DocumentKind values (plain strings here, so this module runs without Django set up).
FILE_NAMES = {"application": "application.docx", "minutes": "minutes.docx", "agreement": "agreement.docx"}


def _document(title: str) -> Document:
    return official_document(title)


_lines = lines

PARTY_LINE = ("{{ p.side }}：{{ p.name }}{% if p.sex %}，{{ p.sex }}{% endif %}{% if p.age %}，{{ p.age }}岁{% endif %}"
              "{% if p.address %}，住{{ p.address }}{% endif %}{% if p.phone %}，联系电话{{ p.phone }}{% endif %}")


def _parties(doc: Document) -> None:
    _lines(doc, "{%p for p in parties %}", PARTY_LINE, "{%p endfor %}")


def build_application() -> Document:
    doc = _document("人民调解申请书")
    _parties(doc)
    _lines(doc,
           "纠纷简要情况：{{ summary }}",
           "纠纷类型：{{ dispute_type }}{% if amount %}；涉及金额：{{ amount }}元{% endif %}",
           "申请事项：请求{{ committee_name or org_name }}依法进行调解。",
           "{{ committee_name or org_name }}已经向我告知人民调解的性质、原则、效力以及当事人在调解活动中享有的"
           "权利和承担的义务，我自愿申请人民调解。",
           "",
           "申请人（签名）：",
           "{{ applied_on }}")
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return doc


def build_minutes() -> Document:
    doc = _document("调解笔录")
    _lines(doc,
           "案号：{{ number }}",
           "时间：{{ session.held_on }}（第{{ session.seq }}次调解）",
           "地点：{{ session.place }}",
           "调解方式：{{ session.method }}")
    _parties(doc)
    _lines(doc,
           "调解员：{{ session.mediators }}",
           "记录人：{{ session.recorder }}",
           "调解记录：",
           "{{ session.minutes }}",
           "",
           "当事人（签名）：",
           "调解员（签名）：",
           "记录人（签名）：")
    return doc


def build_agreement() -> Document:
    doc = _document("人民调解协议书")
    _lines(doc, "编号：{{ number }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _parties(doc)
    _lines(doc,
           "纠纷主要事实、争议事项：{{ summary }}",
           "经{{ committee_name }}调解，双方当事人自愿达成如下协议：",
           "{{ agreement.terms }}",
           "履行方式、时限：{{ agreement.performance_method }}{% if agreement.perform_by %}，"
           "于{{ agreement.perform_by }}前履行完毕{% endif %}。",
           "本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。"
           "本协议一式{{ copies }}份，当事人、人民调解委员会各持一份。",
           "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人可以自本协议"
           "生效之日起三十日内共同向人民法院申请司法确认。",
           "",
           "当事人（签名盖章或按指印）：",
           "人民调解员（签名）：{{ mediators }}",
           "{{ committee_name }}（印）",
           "{{ agreement.signed_on }}")
    for p in doc.paragraphs[-2:]:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return doc


BUILDERS = {"application": build_application, "minutes": build_minutes, "agreement": build_agreement}


def write_all(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in BUILDERS.items():
        path = directory / FILE_NAMES[kind]
        build().save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.name)

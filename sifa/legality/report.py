"""The legality line's paragraphs of the work report (DOMAIN.md §11 句式: seed 000 and seed 001)."""

from sifa.reports.registry import Paragraph, Sentence, register

LINE = "合法性审查"

register(
    Paragraph(
        "legality.review", line=LINE, chapter="law_based_governance", order=10,
        lead="扎实做好合法性审查",
        sentences=[
            Sentence("volume", "进行合法性审查{legality.reviewed:余}项，出具合法性审查意见{legality.opinions}件。"),
            Sentence("three_unified", "严格落实“三统一”制度，{期内}发布政府规范性文件{legality.gov_docs}件，"
                                      "部门规范性文件已备案{legality.dept_docs_filed}件，合法性审核率"
                                      "{legality.review_rate}%。"),
            Sentence("major", "完成重大行政决策合法性审查{legality.major_reviewed}件，协助审核党内文件"
                              "{legality.party_reviewed}件。"),
        ],
    ),
)

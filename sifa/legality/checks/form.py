"""Formal defects of a normative document: no 有效期 (国办发〔2018〕37号 and the provincial rules require one),
a 文号 not in the 公文 form 机关代字〔年份〕序号号 (《党政机关公文格式》GB/T 9704—2012: 六角括号, four-digit year,
no leading zero, 号)."""

from __future__ import annotations

import re

from . import Finding

KIND = "form"
ARTICLE = ""
DOCUMENT_END = re.compile(r"(自|从)[^。；]{0,20}(印发|发布|公布)之日起[^。；]{0,6}施行|自\d{4}年\d{1,2}月\d{1,2}日起施行|本(办法|规定|细则|意见|通知|方案|实施办法)自")
VALIDITY = re.compile(r"有效期|有效至|施行期限|执行期限|试行期|暂行[^。]{0,10}至\d{4}年|至\d{4}年\d{1,2}月\d{1,2}日(止|废止|失效)")
GOOD_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,10}〔(19|20)\d{2}〕[1-9]\d{0,3}号")
BAD_NUMBER = re.compile(
    r"(?P<n>[\u4e00-\u9fa5]{1,10}(?:"
    r"[\[【（(]\s*(?:19|20)?\d{2,4}\s*[\]】）)]\s*\d{1,4}\s*号"   # wrong brackets
    r"|〔\d{2}〕\d{1,4}号"                                         # two-digit year
    r"|〔(?:19|20)\d{2}〕0\d{1,3}号"                               # leading zero
    r"|(?:19|20)\d{2}年?第?\d{1,4}号"                               # no brackets
    r"))")
NUMBER_CONTEXT = re.compile(r"(政|办|发|字|规|函|委|局|府)")


def check(text: str, sentences: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in sentences:
        for match in BAD_NUMBER.finditer(sentence):
            number = match.group("n")
            head = re.split(r"[\[【（(〔\d]", number, maxsplit=1)[0]
            if not NUMBER_CONTEXT.search(head[-3:]):
                continue
            if GOOD_NUMBER.fullmatch(number):
                continue
            findings.append(Finding(KIND, sentence, f"文号“{number}”格式不规范：应为“机关代字〔年份〕序号号”，年份用六角括号"
                                                    "〔〕且写全四位，序号不编虚位（如“砀政〔2024〕1号”）。", ARTICLE))
    ends = [s for s in sentences if DOCUMENT_END.search(s)]
    if ends and not VALIDITY.search(text):
        findings.append(Finding(KIND, ends[-1], "规范性文件未规定有效期：应在文件中载明有效期（一般不超过5年，"
                                                "暂行、试行的不超过2年）。", ARTICLE))
    return findings

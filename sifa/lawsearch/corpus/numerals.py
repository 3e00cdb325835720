"""Chinese numerals as used in article numbers (第一千二百六十条, 第一百二十条之一).

Laws number articles in Chinese; search ids, sorting and citation links need the integer too.
"""

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def chinese_to_int(text: str) -> int:
    """'一千二百六十' → 1260, '十二' → 12, '一百零八' → 108; arabic digits pass through.

    Raises ValueError for anything that is not a numeral, so a caller never links to a guessed article.
    """
    text = text.strip()
    if not text:
        raise ValueError("空的数字")
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            unit = UNITS[char]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            raise ValueError(f"“{text}”不是中文数字")
    return total + section + (digit or 0)


def int_to_chinese(number: int) -> str:
    """1260 → '一千二百六十', 12 → '十二', 108 → '一百零八' (the form the laws print)."""
    if number < 0:
        raise ValueError("负数不是条号")
    if number == 0:
        return "零"
    names = "零一二三四五六七八九"
    parts, pending_zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if pending_zero and parts:
                parts.append("零")
            parts.append(names[digit] + unit)
            pending_zero = False
        else:
            pending_zero = True
    text = "".join(parts)
    if 10 <= number < 20:
        text = text[1:]  # 十二, not 一十二
    return text

"""Made-up people for the demo county: names, 居民身份证号码 and mobile numbers, the same on every run.

Every line's demo builder draws its parties, applicants and subjects from here (`People(ctx.rng)`), so the demo
has one idea of what a plausible person looks like. The numbers are well-formed — the ID's GB 11643 check digit
and its sex digit are right, a unified social credit code's GB 32100 check digit too — so the demo records pass
the same validation as real ones. No test dependency: `sifa demo` runs on a production install.
"""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric, uscc

COUNTY = "341321"  # 砀山县
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏"
            "钟汪田任姜范方石姚谭邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段雷钱汤尹常武乔贺龚")
GIVEN = "建国秀英桂兰玉兰志强海燕永红春梅立新德明文华丽娟国庆淑珍振华红霞明亮凤英学军晓东光辉宝山金花爱民家乐翠平"
MOBILE_PREFIXES = ("138", "139", "150", "151", "152", "158", "177", "180", "187")


def resident_id(region: str, born: dt.date | str, order: int) -> str:
    """The 18-digit number of a person registered in `region` (6 digits), born on `born` (a date or YYYYMMDD),
    with the 3-digit order code `order` (odd for men, even for women) and its GB 11643 check digit."""
    birth = born if isinstance(born, str) else f"{born:%Y%m%d}"
    body = f"{region}{birth}{order % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # python-stdnum reads the first 17 of 18 characters


def credit_code(body: str) -> str:
    """A 统一社会信用代码 from its first 17 characters, with its GB 32100 check character."""
    return body + uscc.calc_check_digit(body)


class People:
    """Names, ID numbers and mobiles drawn from `rng` (seeded per demo builder): the same sequence every run.
    The ID's order code comes from a running count, so two people made by one builder never share a number."""

    def __init__(self, rng: random.Random, region: str = COUNTY):
        self.rng, self.region, self.count = rng, region, 0

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))

    def born(self, first: int = 1950, last: int = 2000) -> dt.date:
        """A birth date from 1 January of `first` to about the end of `last - 1`."""
        return dt.date(first, 1, 1) + dt.timedelta(days=self.rng.randrange(0, (last - first) * 365))

    def resident_id(self, *, female: bool | None = None, born: dt.date | None = None, region: str | None = None,
                    first: int = 1950, last: int = 2000) -> str:
        """A person of `region` (the county unless given); sex and birth date drawn unless given."""
        self.count += 1
        born = born or self.born(first, last)
        if female is None:
            female = self.rng.random() < 0.5
        return resident_id(region or self.region, born, self.count * 2 + (0 if female else 1))

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"

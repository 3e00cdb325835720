"""A question's topic, from the law of its best answer: coarse enough to count by township for 精准普法."""

from .models import Topic

TOPIC_WORDS = [
    (Topic.LABOUR, ("劳动", "工资", "工伤", "社会保险", "失业", "就业", "职工", "农民工", "年休假", "女职工")),
    (Topic.TRAFFIC, ("道路交通", "机动车", "驾驶")),
    (Topic.CRIMINAL, ("刑法", "刑事", "监狱", "社区矫正")),
    (Topic.CONSUMER, ("消费者", "产品质量", "食品安全", "电子商务", "广告")),
    (Topic.LAND, ("土地", "房屋", "房地产", "物业", "宅基地", "征收", "承包")),
    (Topic.FAMILY, ("婚姻", "家庭", "继承", "收养", "未成年人", "老年人", "妇女")),
    (Topic.ADMINISTRATIVE, ("行政", "治安管理", "国家赔偿", "信访")),
]


def topic_of(law: str, number: int = 0) -> str:
    if law == "民法典":
        if 1164 <= number <= 1258:
            return Topic.TORT
        if 1040 <= number <= 1163:
            return Topic.FAMILY
        if 463 <= number <= 988:
            return Topic.CONTRACT
        if 205 <= number <= 462:
            return Topic.LAND
        return Topic.OTHER
    for topic, words in TOPIC_WORDS:
        if any(word in law for word in words):
            return topic
    return Topic.OTHER

"""The Q&A library: staff publish reviewed answers (no personal data, real articles); citizens find them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.lawsearch import actions
from sifa.lawsearch.models import QAEntry

pytestmark = pytest.mark.django_db

ANSWER = "用人单位应当及时足额支付劳动报酬；拖欠的，可以向劳动保障监察机构投诉，或者申请劳动仲裁、支付令。"


def publish(user, **changes):
    data = dict(question="公司拖欠工资两个月了怎么办", answer=ANSWER, article_ids=["劳动合同法第三十条"],
                source="法律援助咨询")
    data.update(changes)
    return actions.publish_qa(user, **data)


@pytest.mark.parametrize(("changes", "message"), [
    ({"question": "我是张三，电话13956781234，公司拖欠工资"}, "手机号码"),
    ({"answer": ANSWER + "当事人身份证号340321199001011234。"}, "身份证号"),
    ({"article_ids": ["劳动合同法第九百条"]}, "法规库中没有这些条文：劳动合同法第九百条"),
    ({"article_ids": []}, "请至少关联一条法律依据"),
    ({"question": "  "}, "请填写问题"),
])
def test_publishing_refuses_personal_data_and_unknown_articles(use_small_engine, office_user, changes, message):
    with pytest.raises(ValidationError, match=message):
        publish(office_user, **changes)
    assert not QAEntry.objects.exists()


def test_citizens_find_published_answers_above_the_articles(client, use_small_engine, office_user):
    publish(office_user)
    publish(office_user, question="离婚后孩子归谁抚养", answer="协商不成由法院按最有利于未成年子女的原则判决。",
            article_ids=["民法典第一千零八十四条"])
    html = client.get(reverse("lawsearch_portal:search"), {"q": "老板拖欠工资不发怎么办"}).content.decode()
    assert "相关问答" in html and "公司拖欠工资两个月了怎么办" in html
    assert "离婚后孩子归谁抚养" not in html  # an unrelated entry is not shown
    assert html.index("相关问答") < html.index("《劳动合同法》第三十条")
    html = client.get(reverse("lawsearch_portal:search"), {"q": "量子计算机"}).content.decode()
    assert "相关问答" not in html


def test_staff_publish_through_the_form(client, use_small_engine, office_user):
    client.force_login(office_user)
    url = reverse("lawsearch:publish_qa")
    response = client.post(url, {"question": "拖欠工资 13956781234", "answer": ANSWER, "articles": "劳动合同法第三十条"})
    assert "还有手机号码" in response.content.decode() and not QAEntry.objects.exists()
    response = client.post(url, {"question": "公司拖欠工资怎么办", "answer": ANSWER,
                                 "articles": "劳动合同法第三十条，劳动合同法第八十五条"})
    assert "没有这些条文：劳动合同法第八十五条" in response.content.decode()
    response = client.post(url, {"question": "公司拖欠工资怎么办", "answer": ANSWER,
                                 "articles": "劳动合同法第三十条、民法典第五百七十七条"})
    assert response.status_code == 302
    assert QAEntry.objects.get().article_ids == ["劳动合同法第三十条", "民法典第五百七十七条"]

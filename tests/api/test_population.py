import pytest

from sifa.core.models import AuditEvent, Population
from sifa.core.models.audit import AuditEventType
from tests import factories

FIGURES = {"division": "341321", "year": 2024, "residents": 790_000, "source": "砀山县2024年国民经济和社会发展统计公报"}


def test_system_admin_sets_population_through_the_action(admin_api):
    response = admin_api.put("population", FIGURES)
    assert response.status_code == 200, response.content
    assert response.json()["division_name"] == "砀山县" and response.json()["residents"] == 790_000
    assert Population.objects.get(division_id="341321", year=2024).residents == 790_000
    assert AuditEvent.objects.filter(event=AuditEventType.CONFIG, verb="设置常住人口").count() == 1
    assert admin_api.put("population", {**FIGURES, "residents": 791_000}).status_code == 200
    assert Population.objects.get(division_id="341321", year=2024).residents == 791_000


def test_anyone_reads_and_filters_population(admin_api, api):
    admin_api.put("population", FIGURES)
    admin_api.put("population", {**FIGURES, "division": "341321100", "residents": 120_000})
    admin_api.put("population", {**FIGURES, "year": 2023, "residents": 780_000})
    assert api.get("population").json()["total"] == 3
    assert [p["year"] for p in api.get("population", division="341321").json()["items"]] == [2024, 2023, 2024]
    assert [p["residents"] for p in api.get("population", division="341321100").json()["items"]] == [120_000]
    assert api.get("population", year=2023).json()["total"] == 1


def test_staff_may_not_set_population(api):
    response = api.put("population", FIGURES)
    assert response.status_code == 403 and "参数配置" in response.json()["message"]
    assert not Population.objects.exists()


@pytest.mark.parametrize("change, field", [
    ({"year": 1800}, "year"), ({"residents": 0}, "residents"), ({"residents": "七十九万"}, "residents"),
    ({"source": ""}, "source"), ({"division": "341399"}, "division"), ({"division": "341322"}, "division"),
])
def test_bad_figures_write_nothing(admin_api, tree, change, field):
    factories.county_tree("341322", "萧县")
    response = admin_api.put("population", {**FIGURES, **change})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"].endswith(field)
    assert not Population.objects.exists()

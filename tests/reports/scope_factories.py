"""Records of the reports app for the cross-org scope matrix (tests/test_scope_matrix.py)."""

import json

from sifa.reports import actions
from tests.scope_factories import register

SQUARE = [[[116.3, 34.4], [116.4, 34.4], [116.4, 34.5], [116.3, 34.5], [116.3, 34.4]]]


@register("reports.workreport")
def work_report(org, user):
    return actions.save_report(None, org=org, period="2021H1", version=0, problems="(一)调研不深入。")


@register("reports.sentenceedit")
def sentence_edit(org, user):
    return actions.save_sentence(None, org=org, period="2021H1", key="mediation.disputes:sweep",
                                 text="共排查{mediation.screenings}次。")


@register("reports.boundary")
def boundary(org, user):
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": org.division_id},
         "geometry": {"type": "Polygon", "coordinates": SQUARE}}]}
    return actions.upload_boundary(None, org=org, name="辖区边界", data=json.dumps(data).encode())


@register("reports.kindreport")
def kind_report(org, user):
    return actions.save_kind_texts(None, kind="annual", org=org, period="2021", texts={"problems": "(一)调研不深入。"})


@register("reports.target")
def target(org, user):
    return actions.set_target(None, org=org, code="mediation.success_rate", comparison="gte", value="98",
                              year=2021, note="县局年度目标")

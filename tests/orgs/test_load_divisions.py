import json

import pytest
from django.core.management import CommandError, call_command

from sifa.core import divisions
from sifa.core.divisions import DivisionDataError
from sifa.core.models import AuditEvent, Division, Population

TREE = [{"code": "34", "name": "安徽省", "children": [
    {"code": "3413", "name": "宿州市", "children": [
        {"code": "341321", "name": "砀山县", "children": [
            {"code": "341321100", "name": "砀城镇"},
            {"code": "341321101", "name": "赵屯镇"}]},
        {"code": "341322", "name": "萧县"}]}]},
    {"code": "11", "name": "北京市", "children": [
        {"code": "1101", "name": "市辖区", "children": [{"code": "110101", "name": "东城区"}]}]}]


def write(path, name, content):
    file = path / name
    file.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False),
                    encoding="utf-8")
    return file


def test_nested_tree_loads_with_levels_parents_and_full_names(db, tmp_path):
    result = divisions.load_path(write(tmp_path, "pcas-code.json", TREE))
    assert (result.created, result.updated, result.unchanged) == (9, 0, 0)
    town = Division.objects.get(code="341321100")
    assert town.level == "township" and town.parent_id == "341321"
    assert town.full_name == "安徽省宿州市砀山县砀城镇"
    # statistical grouping entries (市辖区) are left out of their children's full names
    assert Division.objects.get(code="110101").full_name == "北京市东城区"


def test_loading_twice_changes_nothing(db, tmp_path):
    file = write(tmp_path, "pcas-code.json", TREE)
    divisions.load_path(file)
    audit_rows = AuditEvent.objects.count()
    result = divisions.load_path(file)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 9)
    assert Division.objects.count() == 9
    assert AuditEvent.objects.count() == audit_rows  # nothing changed, nothing logged


def test_rename_updates_the_division_and_full_names_below_it(db, tmp_path):
    divisions.load_path(write(tmp_path, "pcas-code.json", TREE))
    write(tmp_path, "renamed.csv", "code,name,provinceCode\n3413,\"宿州新市\",34\n")
    result = divisions.load_path(tmp_path / "renamed.csv")
    assert (result.created, result.updated) == (0, 5)  # the city and the four divisions below it
    assert Division.objects.get(code="3413").name == "宿州新市"
    # the township was not in the file, but its full name follows the rename
    assert Division.objects.get(code="341321100").full_name == "安徽省宿州新市砀山县砀城镇"
    assert AuditEvent.objects.filter(verb="导入行政区划").count() == 2


def test_directory_of_flat_csv_files(db, tmp_path):
    write(tmp_path, "provinces.csv", 'code,name\n34,"安徽省"\n')
    write(tmp_path, "cities.csv", 'code,name,provinceCode\n3413,"宿州市",34\n')
    write(tmp_path, "areas.csv", 'code,name,cityCode,provinceCode\n341321,"砀山县",3413,34\n')
    write(tmp_path, "streets.csv", 'code,name,areaCode,provinceCode,cityCode\n341321100,"砀城镇",341321,34,3413\n')
    write(tmp_path, "villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                                    "341321100001,城隍庙社区居委会,341321100,34,3413,341321\n")
    result = divisions.load_path(tmp_path)
    assert result.created == 5
    assert Division.objects.get(code="341321100001").full_name == "安徽省宿州市砀山县砀城镇城隍庙社区居委会"


def test_county_records_with_towns_and_villages(db, tmp_path):
    data = [{"code": "341321", "name": "砀山县", "city_code": "3413", "city": "宿州市", "province_code": "34",
             "province": "安徽省", "towns": [{"code": "341321100", "name": "砀城镇", "villages": [
                 {"code": "341321100001", "name": "城隍庙社区居委会"}]}]}]
    assert divisions.load_path(write(tmp_path, "demo_counties.json", data)).created == 5
    assert Division.objects.get(code="341321100001").parent_id == "341321100"


def test_under_loads_the_subtree_and_its_ancestors_only(db, tmp_path):
    result = divisions.load_path(write(tmp_path, "pcas-code.json", TREE), under="341321")
    assert result.created == 5  # 34, 3413, 341321 and its two townships
    assert not Division.objects.filter(code__in=["341322", "11"]).exists()


def test_under_an_unknown_division_is_refused(db, tmp_path):
    file = write(tmp_path, "pcas-code.json", TREE)
    with pytest.raises(DivisionDataError, match="区划代码“341399”不存在"):
        divisions.load_path(file, under="341399")
    assert Division.objects.count() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.json", '[{"code": "34", "name": "安徽省"', "不是有效的JSON：第1行"),
    ("obj.json", '{"code": "34"}', "最外层应为数组"),
    ("bad.csv", "code,title\n34,安徽省\n", "表头“code,title”无法识别"),
    ("short.csv", 'code,name,provinceCode\n3413,"宿州市"\n', "第2行：有2列，表头有3列"),
    ("len.csv", 'code,name,provinceCode\n341,"宿州市",34\n', "应为4位"),
    ("mismatch.csv", 'code,name,provinceCode\n3413,"宿州市",35\n', "provinceCode“35”与区划代码“3413”的前2位不一致"),
    ("orphan.csv", 'code,name,provinceCode\n3413,"宿州市",34\n', "上级区划“34”不存在"),
    ("letters.json", '[{"code": "34A", "name": "安徽省"}]', "区划代码“34A”格式不正确"),
    ("noname.json", '[{"code": "34", "name": ""}]', "缺少名称"),
    ("twice.json", '[{"code": "34", "name": "安徽省"}, {"code": "34", "name": "皖"}]', "区划代码“34”重复"),
    ("data.xlsx", "x", "不支持的文件类型"),
])
def test_bad_input_gets_a_chinese_message_and_writes_nothing(db, tmp_path, name, content, message):
    file = write(tmp_path, name, content)
    with pytest.raises(DivisionDataError) as info:
        divisions.load_path(file)
    assert any(message in m for m in info.value.messages), info.value.messages
    assert Division.objects.count() == 0


def test_one_bad_row_among_good_ones_writes_nothing(db, tmp_path):
    rows = 'code,name,provinceCode\n' + "".join(f'34{i:02d},"市{i}",34\n' for i in range(1, 50)) + '3450,"坏",35\n'
    write(tmp_path, "provinces.csv", 'code,name\n34,"安徽省"\n')
    write(tmp_path, "cities.csv", rows)
    with pytest.raises(DivisionDataError):
        divisions.load_path(tmp_path)
    assert Division.objects.count() == 0


def test_non_utf8_file_is_refused(db, tmp_path):
    file = tmp_path / "gbk.csv"
    file.write_bytes('code,name\n34,"安徽省"\n'.encode("gbk"))
    with pytest.raises(DivisionDataError, match="不是UTF-8编码"):
        divisions.load_path(file)


def test_packaged_national_county_list_is_readable_and_loads(db):
    rows = divisions.packaged_rows("areas.csv")
    assert len(rows) == 2978 and rows[0].code == "110101"
    result = divisions.load_national_counties()
    assert result.created == 31 + 342 + 2978
    assert Division.objects.get(code="341321").full_name == "安徽省宿州市砀山县"
    county = divisions.load_packaged_county("341321")
    assert county.created == 16 + 175


def test_packaged_boundaries_are_geojson_in_both_systems():
    cgcs = divisions.boundary("341321")
    gcj = divisions.boundary("341321", "gcj02")
    assert cgcs["type"] == gcj["type"] == "FeatureCollection"
    assert cgcs["features"][0]["properties"]["adcode"] == "341321"
    assert "4490" in cgcs["crs"]["properties"]["name"]
    with pytest.raises(LookupError):
        divisions.boundary("110101")


@pytest.mark.slow
def test_a_national_size_township_file_loads_and_reloads_idempotently(db, tmp_path):
    """41k township rows (the size of the national list), built from the packaged county list.
    Load time is measured by bench/, not asserted here."""
    divisions.load_national_counties()
    areas = [row.code for row in divisions.packaged_rows("areas.csv")]
    lines = ["code,name,areaCode,provinceCode,cityCode"]
    for area in areas:
        lines += [f'{area}{n:03d},"乡镇{n}",{area},{area[:2]},{area[:4]}' for n in range(100, 114)]
    write(tmp_path, "streets.csv", "\n".join(lines) + "\n")
    result = divisions.load_path(tmp_path / "streets.csv")
    assert result.created == len(areas) * 14 > 41_000
    assert divisions.load_path(tmp_path / "streets.csv").created == 0


# --- the command line ---------------------------------------------------------------------------------------

def test_command_loads_and_reports(db, tmp_path, capsys):
    call_command("orgs", "load-divisions", str(write(tmp_path, "pcas-code.json", TREE)))
    assert "新增9条" in capsys.readouterr().out


def test_command_refuses_bad_input_with_the_reason(db, tmp_path):
    with pytest.raises(CommandError, match="表头"):
        call_command("orgs", "load-divisions", str(write(tmp_path, "x.csv", "a,b\n1,2\n")))
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("orgs", "load-divisions", str(tmp_path / "missing.json"))


def test_command_prints_an_org_subtree(tree, capsys):
    call_command("orgs", "tree", "341321-SFJ")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("砀山县司法局")
    assert any(line.startswith("  砀城司法所") for line in lines)
    with pytest.raises(CommandError, match="找不到"):
        call_command("orgs", "tree", "999999-SFJ")


def test_command_prints_a_division_subtree(db, tmp_path, capsys):
    divisions.load_path(write(tmp_path, "pcas-code.json", TREE))
    call_command("orgs", "tree", "3413", "--depth", "2")
    out = capsys.readouterr().out
    assert "  砀山县  [341321]" in out and "砀城镇" not in out


def test_command_sets_population_through_the_action(tree):
    call_command("orgs", "population", "341321", "2021", "765500", "--source", "2021年统计公报")
    population = Population.objects.get(division_id="341321", year=2021)
    assert population.residents == 765500 and population.source == "2021年统计公报"
    assert AuditEvent.objects.filter(verb="设置常住人口").exists()
    with pytest.raises(CommandError, match="不存在"):
        call_command("orgs", "population", "341399", "2021", "100", "--source", "x")

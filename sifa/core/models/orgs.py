"""The organisation tree: administrative divisions (GB/T 2260 / 统计用区划代码) and the units hung on them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "地级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
    VILLAGE = "village", "村级"


LEVEL_BY_CODE_LENGTH = {2: DivisionLevel.PROVINCE, 4: DivisionLevel.CITY, 6: DivisionLevel.COUNTY,
                        9: DivisionLevel.TOWNSHIP, 12: DivisionLevel.VILLAGE}


class Division(models.Model):
    """An administrative division. Codes nest (34 → 3413 → 341321 → 341321100 → 341321100001), so the code
    itself is the tree path: "everything under 砀山县" is `code__startswith="341321"`."""

    code = models.CharField("区划代码", max_length=12, primary_key=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="上级区划")
    full_name = models.CharField("全称", max_length=200, blank=True)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return self.full_name or self.name

    @staticmethod
    def level_for_code(code: str) -> str:
        if not code.isdigit() or len(code) not in LEVEL_BY_CODE_LENGTH:
            raise ValidationError(f"区划代码“{code}”格式不正确：应为2、4、6、9或12位数字。")
        return LEVEL_BY_CODE_LENGTH[len(code)]

    @staticmethod
    def parent_code(code: str) -> str | None:
        return {4: code[:2], 6: code[:4], 9: code[:6], 12: code[:9]}.get(len(code))


class Population(models.Model):
    """Resident population (常住人口) of an area in a year: a dated, sourced parameter of per-10,000 indicators."""

    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="populations",
                                 verbose_name="区划")
    year = models.PositiveSmallIntegerField("年度")
    residents = models.PositiveIntegerField("常住人口（人）")
    source = models.CharField("数据来源", max_length=200)

    class Meta:
        verbose_name = "常住人口"
        verbose_name_plural = "常住人口"
        constraints = [models.UniqueConstraint(fields=["division", "year"], name="uniq_population_division_year")]

    def __str__(self):
        return f"{self.division} {self.year}年 {self.residents}人"


class OrgKind(models.TextChoices):
    PROVINCE_BUREAU = "province_bureau", "司法厅"
    CITY_BUREAU = "city_bureau", "市司法局"
    COUNTY_BUREAU = "county_bureau", "县（区）司法局"
    BUREAU_OFFICE = "bureau_office", "局内科室"
    JUSTICE_OFFICE = "justice_office", "司法所"
    PLS_CENTER = "pls_center", "公共法律服务中心"
    PLS_STATION = "pls_station", "公共法律服务工作站"
    PLS_ROOM = "pls_room", "公共法律服务工作室"
    MEDIATION_COMMITTEE = "mediation_committee", "人民调解委员会"
    LEGAL_AID_CENTER = "legal_aid_center", "法律援助中心"
    NOTARY_OFFICE = "notary_office", "公证处"
    LAW_FIRM = "law_firm", "律师事务所"
    LEGAL_SERVICE_FIRM = "legal_service_firm", "基层法律服务所"
    CORRECTIONS_CENTER = "corrections_center", "社区矫正中心"
    ENFORCEMENT_AGENCY = "enforcement_agency", "行政执法部门"
    OTHER = "other", "其他"


class OrgUnit(models.Model):
    """A unit of the organisation tree. `path` is the chain of unit codes from the root ("/341321-SFJ/341321100-SFS/"),
    so a unit's subtree is one indexed prefix query; records copy it into their own `org_path` (see ScopedModel)."""

    code = models.CharField("机构代码", max_length=40, unique=True)
    name = models.CharField("机构名称", max_length=100)
    kind = models.CharField("机构类型", max_length=30, choices=OrgKind.choices)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="org_units",
                                 verbose_name="所在区划")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="上级机构")
    path = models.CharField("树路径", max_length=400, db_index=True, editable=False)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = (self.parent.path if self.parent_id else "/") + self.code + "/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self._repath_descendants(old_path)

    def _repath_descendants(self, old_path: str) -> None:
        """After a move, every unit below and every record kept under the old path takes the new prefix: one
        UPDATE per model (the path's tail kept by the database), however many rows lie under it."""
        from .scope import ScopedModel

        def moved(field: str):
            return Concat(Value(self.path), Substr(field, len(old_path) + 1), output_field=models.CharField())

        OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(path=moved("path"))
        for model in ScopedModel.concrete_subclasses():
            model.objects.filter(org_path__startswith=old_path).update(org_path=moved("org_path"))

    def subtree(self):
        return OrgUnit.objects.filter(path__startswith=self.path)

    def is_within(self, other: "OrgUnit") -> bool:
        return self.path.startswith(other.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

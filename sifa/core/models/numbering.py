from django.db import models


class CaseNumberCounter(models.Model):
    """The last number issued per (business line, org unit, year). Rows are locked while a number is taken,
    so concurrent creations never get the same or skip a number (see core.numbering)."""

    line = models.CharField(max_length=30)
    org = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line", "org", "year"], name="uniq_case_counter")]

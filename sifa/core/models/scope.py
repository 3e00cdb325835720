"""Data scope is structural: every record carries its owning org unit and a copy of its tree path, and every
query made on behalf of a user goes through `for_user`, so scope is never remembered view by view."""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.dispatch import Signal

# Sent (sender=the model) after a queryset write that sends no per-object signal: update(), bulk_create() and
# bulk_update(). Caches keyed on a model's records (the indicator engine) listen to it.
records_bulk_changed = Signal()


class ScopedQuerySet(models.QuerySet):
    # The access policy, `sifa.core.access.records_for`: the policy is built on these models, so it installs
    # itself here (`access.install`, run when the core app is ready) rather than being imported by them.
    read_policy = None

    def for_user(self, user):
        """Records of the user's own org subtree or assigned to them by name (the model's `assignee_fields`);
        nothing for anonymous users or for the 三员 administrators, who manage the system but may not read case
        records (SECURITY.md B2). See sifa.core.access."""
        if ScopedQuerySet.read_policy is None:
            raise ImproperlyConfigured("数据范围策略未安装：sifa.core 应用尚未就绪")
        return ScopedQuerySet.read_policy(self, user)

    def reach_filter(self, user):
        """The org part of the user's scope, as a filter (None: no unit of theirs). The user's own subtree here;
        a line whose role covers another subtree (corrections' county organ) overrides this, not `for_user`."""
        return models.Q(org_path__startswith=user.org.path)

    def under(self, org):
        return self.filter(org_path__startswith=org.path)

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        records_bulk_changed.send(sender=self.model, using=self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        records_bulk_changed.send(sender=self.model, using=self.db)
        return created


class ScopedModel(models.Model):
    """Base of every business record. Subclasses get `org`, `org_path`, `region_code` and timestamps."""

    org = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机构")
    org_path = models.CharField(max_length=400, db_index=True, editable=False)
    region_code = models.CharField("区划代码", max_length=12, db_index=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="创建人", editable=False)

    objects = ScopedQuerySet.as_manager()

    # Field names whose values are sensitive personal information: masked in lists and exports, reads audited.
    sensitive_fields: tuple[str, ...] = ()
    # Relations naming the user a record is assigned to, who reads it though another unit owns it
    # (sifa.core.access.Assignee; e.g. ("provider__user",)).
    assignee_fields: tuple = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.org_path = self.org.path
        self.region_code = self.org.division_id
        super().save(*args, **kwargs)

    @classmethod
    def concrete_subclasses(cls):
        return [m for m in apps.get_models() if issubclass(m, cls) and not m._meta.abstract]

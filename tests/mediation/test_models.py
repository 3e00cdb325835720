

def test_the_open_cases_index_covers_exactly_the_open_statuses():
    """The 超期/临期 source filters on OPEN_STATUSES; the partial index must hold the same statuses, or the
    planner cannot use it (and a province's list sorts every open case)."""
    from sifa.legalaid.models import AWAITING_ASSIGNMENT, Application
    from sifa.mediation.models import OPEN_STATUSES, Dispute

    for model, name, statuses in ((Dispute, "med_dispute_open_due", OPEN_STATUSES),
                                  (Application, "la_app_open_assign_due", AWAITING_ASSIGNMENT)):
        index = next(i for i in model._meta.indexes if i.name == name)
        (lookup, values), = index.condition.children
        assert lookup == "status__in" and sorted(values) == sorted(str(s) for s in statuses)

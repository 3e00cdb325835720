"""The JSON API at /api/v1/ (django-ninja).

For a business line, in ``sifa/<line>/api.py``:

    from ninja import Query, Router
    from sifa.api.auth import acting_user
    from sifa.api.pagination import Page, PageParams, paginate
    from sifa.api.scope import get_scoped_or_404, require_capability, scoped

    router = Router(tags=["人民调解"])
    prefix = "mediation"                      # mounted at /api/v1/mediation/ (registry.py)

    @router.get("/cases/{int:id}", response=CaseOut)
    def get_case(request, id: int):
        return get_scoped_or_404(request, Case, id)   # 404 + "denied" audit row outside the caller's scope

Handlers raise `errors.ApiError` (or Django's Http404 / PermissionDenied / ValidationError from an action) and
the answer is ``{"code", "message", "details"}`` in Chinese. Input schemas list the fields they accept (give each
a Chinese ``title=`` — validation errors use it); anything else in a request body is ignored.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: send them to the site's icon."""
    return redirect(static("core/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("sifa.core.urls")),
    path("", include("sifa.security.urls")),
    path("ledger/", include("sifa.ledger.urls")),
    path("indicators/", include("sifa.indicators.urls")),
    path("reports/", include("sifa.reports.urls")),
    path("portal/", include("sifa.portal.urls")),
    path("api/", include("sifa.api.urls")),
    path("admin/", include("sifa.admin_console.urls")),
    path("mediation/", include("sifa.mediation.urls")),
    path("portal/mediation/", include("sifa.mediation.portal_urls")),
    path("corrections/", include("sifa.corrections.urls")),
    path("visits/", include("sifa.visits.urls")),
    path("portal/visits/", include("sifa.visits.portal_urls")),
    path("legalaid/", include("sifa.legalaid.urls")),
    path("portal/legalaid/", include("sifa.legalaid.portal_urls")),
    path("notary/", include("sifa.notary.urls")),
    path("portal/notary/", include("sifa.notary.portal_urls")),
    path("tracks/", include("sifa.tracks.urls")),
    path("wellbeing/", include("sifa.wellbeing.urls")),
    path("laws/", include("sifa.lawsearch.urls")),
    path("portal/laws/", include("sifa.lawsearch.portal_urls")),
    path("reconsideration/", include("sifa.reconsideration.urls")),
    path("portal/reconsideration/", include("sifa.reconsideration.portal_urls")),
    path("legality/", include("sifa.legality.urls")),
    path("portal/legality/", include("sifa.legality.portal_urls")),
    path("litigation/", include("sifa.litigation.urls")),
    path("lawyers/", include("sifa.lawyers.urls")),
    path("portal/lawyers/", include("sifa.lawyers.portal_urls")),
    path("enforcement/", include("sifa.enforcement.urls")),
    path("portal/enforcement/", include("sifa.enforcement.portal_urls")),
    path("publicity/", include("sifa.publicity.urls")),
    path("portal/publicity/", include("sifa.publicity.portal_urls")),
    path("inspection/", include("sifa.inspection.urls")),
    path("team/", include("sifa.team.urls")),
]

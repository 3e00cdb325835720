"""One snapshot of the figure cache's versions per request (versions.snapshot): a dashboard reads each version
once instead of once per figure."""

from .versions import snapshot


class VersionSnapshotMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with snapshot():
            return self.get_response(request)

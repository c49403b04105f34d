from .audit import request_ip


class RequestAddress:
    """Make the client's address available to the audit trail for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            request_ip.reset(token)

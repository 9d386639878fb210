"""The client's address, as every login check and audit entry records it."""

from django.conf import settings


def client_address(request):
    """The address in RATELIMIT_IP_META_KEY (set behind a reverse proxy) or REMOTE_ADDR; "" when neither is sent.

    A proxy header may list several hops ("client, proxy1"): the first is the client the proxy saw.
    """
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    value = (key and request.META.get(key)) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip()

"""The client's address, as every login check and audit entry records it."""

from govcms.core.ratelimit import client_address as validated_client_address


def client_address(request):
    """The client's address as the rate limits see it (govcms.core.ratelimit); "" when no valid one was sent.

    One definition for lock-out, audit and rate limits: behind a proxy, the last hop of its header (the
    earlier hops are whatever the client claimed, so taking the first let a client pick a fresh address
    for every guess).
    """
    return validated_client_address(request) or ""

"""django-axes' lock-out check in the authentication chain."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every login of a locked-out account or address (axes), before ModelBackend checks the password.

    A call without a request (the test client's `login()`, a management command) has no address and is not
    a login from the network: axes would raise, so it is let through to the next backend unchecked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

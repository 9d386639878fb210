"""Requests through the public views, and what the page cache did with them."""

from pagecache.middleware import HEADER


def get(client, url, host="localhost", status=200, **headers):
    response = client.get(url, HTTP_HOST=host, **headers)
    assert response.status_code == status, (url, host, response.status_code)
    return response


def cache_state(response):
    """ "hit", "miss" (stored by this request) or None (not stored)."""
    return response.get(HEADER)

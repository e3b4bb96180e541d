"""The X-Forwarded-For rule gunicorn's WSGI step shares with uvicorn: right to left, first untrusted hop."""

import pytest
from uvicorn.middleware.proxy_headers import _TrustedHosts

from treatment_site.clients import TrustedProxies

CASES = [
    ("127.0.0.1", "203.0.113.5", "203.0.113.5"),  # one proxy
    ("127.0.0.1", "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the client wrote the left-most entry
    ("127.0.0.1", "198.51.100.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),  # two proxies (Varnish, HAProxy)
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: the peer is the client, whatever it wrote
    ("127.0.0.1", "", "127.0.0.1"),
    ("127.0.0.1", "not-an-address, 203.0.113.5", "203.0.113.5"),
]


@pytest.mark.parametrize("peer, forwarded_for, client", CASES)
def test_client_behind_trusted_proxies(peer, forwarded_for, client):
    trusted = ["127.0.0.1", "10.0.0.0/8"]
    assert TrustedProxies(trusted).client_from(peer, forwarded_for) == client
    if peer in ("127.0.0.1",) and forwarded_for:  # uvicorn's --proxy-headers picks the same hop
        assert _TrustedHosts(trusted).get_trusted_client_address(forwarded_for)[0] == client

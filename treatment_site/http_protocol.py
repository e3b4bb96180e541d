"""uvicorn's h11 protocol with a deadline for reading each request, so slow or idle clients are dropped.

uvicorn only times out a connection between requests (--timeout-keep-alive): a client that connects and
sends nothing, or trickles its headers or body (slowloris), holds a connection for ever. Here every
request must arrive complete within REQUEST_READ_TIMEOUT seconds of its first byte (or of the connection
opening); otherwise the connection is closed. Use with `uvicorn --http treatment_site.http_protocol:H11Protocol`.
A WebSocket upgrade hands the socket to another protocol and leaves this deadline behind.
"""

import os

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol as UvicornH11Protocol

# Read by the ASGI server before Django starts, so it is an environment variable of the server.
REQUEST_READ_TIMEOUT = float(os.environ.get("HTTP_REQUEST_READ_TIMEOUT", "15"))
READING = (h11.IDLE, h11.SEND_BODY)  # the client has not finished sending a request


class H11Protocol(UvicornH11Protocol):
    """Drops a connection whose request (headers and body) is not complete within the read deadline."""

    read_deadline = None

    def connection_made(self, transport):
        super().connection_made(transport)
        self._arm()

    def data_received(self, data):
        super().data_received(data)
        if self.transport.get_protocol() is not self:
            self._disarm()  # upgraded to a WebSocket
        elif self.conn.their_state in READING:
            self._arm()
        else:
            self._disarm()

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)

    def _arm(self):
        if self.read_deadline is None:
            self.read_deadline = self.loop.call_later(REQUEST_READ_TIMEOUT, self._expire)

    def _disarm(self):
        if self.read_deadline is not None:
            self.read_deadline.cancel()
            self.read_deadline = None

    def _expire(self):
        self.read_deadline = None
        if self.transport.get_protocol() is not self or self.transport.is_closing():
            return
        trickling_body = self.conn.their_state == h11.SEND_BODY
        waiting_for_headers = self.conn.their_state == h11.IDLE and (self.cycle is None or self.cycle.response_complete)
        if trickling_body or waiting_for_headers:
            self.transport.close()

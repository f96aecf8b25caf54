"""A Socket.IO client done by hand over one WebSocket: it can stop reading, or send anything."""

from __future__ import annotations

import contextlib
import json
import socket
from typing import Any

import websocket


class RawSocket:
    """A Socket.IO client done by hand over one WebSocket, so it can stop reading.

    Its receive buffer is made small before it connects, so the server's
    writes back up as soon as it stops reading.
    """

    def __init__(self, base_url: str) -> None:
        url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        small = ((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),)
        self.ws = websocket.create_connection(url, timeout=10, sockopt=small)
        opened = self.ws.recv()
        assert opened.startswith("0{"), opened
        self.ws.send("40")
        connected = self._next_message()
        assert connected.startswith("40"), connected

    def _next_message(self) -> str:
        while True:
            frame = self.ws.recv()
            if frame == "2":  # Engine.IO ping
                self.ws.send("3")
                continue
            return str(frame)

    def call(self, event: str, *args: Any, ack_id: int = 1) -> Any:
        """Send any event, even one a Socket.IO client library would refuse; its ack."""
        self.ws.send(f"42{ack_id}" + json.dumps([event, *args]))
        while True:
            message = self._next_message()
            if message.startswith(f"43{ack_id}["):
                return json.loads(message[2 + len(str(ack_id)) :])[0]

    def join(self, **payload: Any) -> dict[str, Any]:
        ack: dict[str, Any] = self.call("join", payload)
        return ack

    def read_until_closed(self, timeout: float) -> tuple[int, str]:
        """Read everything the server still sends; (bytes read, how it ended)."""
        self.ws.settimeout(timeout)
        total = 0
        try:
            while True:
                frame = self.ws.recv()
                if not frame:
                    return total, "closed"
                total += len(frame)
        except websocket.WebSocketConnectionClosedException:
            return total, "closed"
        except (ConnectionResetError, BrokenPipeError):
            return total, "reset"
        except websocket.WebSocketTimeoutException:
            return total, "still open"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close(timeout=1)
        # A connection the server cut loose fails the close handshake above;
        # its socket must still be let go.
        with contextlib.suppress(Exception):
            self.ws.shutdown()

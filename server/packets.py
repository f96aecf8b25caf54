"""The Socket.IO packets this server sends: JSON only, never binary attachments.

python-socketio walks every value of every message it sends to see whether
any part is bytes, to split it off as a binary attachment. Nothing here ever
sends bytes, and that walk over a 60 KB board was 10-14% of the server's CPU
in a join storm (docs/benchmarks.md), so the packet class says so once.
"""

from __future__ import annotations

from socketio.packet import Packet


class JsonPacket(Packet):  # type: ignore[misc]
    """A Socket.IO packet that is never binary (as python-socketio's msgpack packet is not)."""

    uses_binary_events = False

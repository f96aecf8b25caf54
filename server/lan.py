"""Room mode (`changeboard serve --lan`): the laptop's own address on the room's network."""

from __future__ import annotations

import ipaddress
import socket

# Connecting a UDP socket sends nothing; it only asks the operating system
# which of its addresses it would use to reach there. The private ranges come
# first, so a laptop on a venue's wifi or on a phone hotspot with no internet
# still finds the address its phones can reach; a public address is the last try.
_PROBES = ("192.168.255.255", "10.255.255.255", "172.31.255.255", "192.0.2.1")

HELP = """\
Phones and tablets must be on the same wifi as this computer, then they can
scan the code or type the join link. If they cannot open it:
- Guest and venue wifi often keeps devices apart. Use the main wifi, or turn
  on a phone's hotspot, join this computer to it and ask people to join it too.
- Allow changeboard through this computer's firewall if it asks.
- On the facilitator's own computer every link works as printed.
"""


def lan_address() -> str | None:
    """This computer's IPv4 address on the network its phones are on, if it has one."""
    for probe in _PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                udp.connect((probe, 9))
            except OSError:
                continue  # no route that way
            address = str(udp.getsockname()[0])
        found = ipaddress.ip_address(address)
        if not (found.is_loopback or found.is_unspecified or found.is_link_local):
            return address
    return None

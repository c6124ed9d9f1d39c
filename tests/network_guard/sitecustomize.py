"""Imported at start-up by every Python process of the offline test (it is on PYTHONPATH).

Refuses, and records in $CONVLAB_NETWORK_LOG, every attempt of this process to reach an
address other than the loopback: connect, connect_ex and sendto on IP sockets, and name
lookups (a lookup of another host than this one is already traffic to a DNS server).
Recording matters: code that catches the error would otherwise hide the attempt.
"""

import errno
import ipaddress
import os
import socket

LOG = os.environ.get("CONVLAB_NETWORK_LOG")
LOCAL_NAMES = {"localhost", "", socket.gethostname()}


def _local_host(host):
    if isinstance(host, bytes):
        host = host.decode()
    if host is None or host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what, target, error=OSError):
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"pid {os.getpid()}: {what} {target!r}\n")
    raise error(errno.ENETUNREACH, f"network blocked by the offline test: {what} {target!r}")


def _guard(method):
    original = getattr(socket.socket, method)

    def guarded(self, *args):
        address = args[-1]
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local_host(address[0]):
            _refuse(method, address)
        return original(self, *args)

    guarded.__name__ = method
    setattr(socket.socket, method, guarded)


def _guard_lookup(name):
    original = getattr(socket, name)

    def guarded(host, *args, **kwargs):
        if not _local_host(host):
            _refuse(name, host, socket.gaierror)
        return original(host, *args, **kwargs)

    guarded.__name__ = name
    setattr(socket, name, guarded)


if LOG:
    for _method in ("connect", "connect_ex", "sendto"):
        _guard(_method)
    for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        _guard_lookup(_name)

"""The loopback server the browser tests and scripts use (local_site.serve)."""

from __future__ import annotations

import socket
import struct
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import serve

BIG = 20_000_000  # bytes: far more than a socket's buffers hold, so the server is still sending


def connect(base: str) -> socket.socket:
    """A connection to the server at ``base`` (http://127.0.0.1:port/)."""
    return socket.create_connection(("127.0.0.1", urlsplit(base).port))


def hang_up_while_sending(base: str, name: str) -> None:
    """Ask for a big file, read a little of it, then drop the connection at once (a reset)."""
    with connect(base) as sock:
        sock.sendall(f"GET /{name} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert sock.recv(1024).startswith(b"HTTP/1.")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_browser_hanging_up_is_not_printed_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * BIG)
    (tmp_path / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        hang_up_while_sending(base, "big.bin")
        time.sleep(1.0)  # the server's thread meets the closed connection and ends
        # and it goes on serving
        with connect(base) as sock:
            sock.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(b"<p>ok</p>")
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err and "Broken pipe" not in printed.err, printed.err

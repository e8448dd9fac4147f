#!/usr/bin/env python3
"""New-connection latency as an OpenSSL-based Docker client sees it (docker-py, curl).

Each round: TCP connect, full TLS handshake with the client certificate (a fresh context
per connection, so no session resumption, like a new CLI process), GET /version, read the
whole response. Prints the median and p90 of the measured rounds.
Usage: handshake.py CERT_DIR PORT [ROUNDS]
"""
import socket
import ssl
import statistics
import sys
import time

cert_dir, port = sys.argv[1], int(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 300


def one():
    ctx = ssl.create_default_context(cafile=f"{cert_dir}/ca.pem")
    ctx.load_cert_chain(f"{cert_dir}/cert.pem", f"{cert_dir}/key.pem")
    t0 = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            s.sendall(b"GET /version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            body = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                body += chunk
    if not body.startswith(b"HTTP/1.1 200"):
        raise SystemExit("unexpected answer: " + body[:80].decode(errors="replace"))
    return (time.perf_counter() - t0) * 1000


for _ in range(rounds):  # warm-up
    one()
times = sorted(one() for _ in range(rounds))
p90 = times[int(len(times) * 0.9)]
print(f"new connection from an OpenSSL client (python ssl), TLS handshake + GET /version: "
      f"median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms (n={rounds})")

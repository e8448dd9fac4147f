#!/usr/bin/env python3
"""Where each `docker run --rm` of an end-to-end benchmark spent its time, from the appliance's log.

Usage: appliance/bench/breakdown.py [appliance.log]  (default: the newest /tmp/vch-e2e-bench*/.../appliance.log)
Prints, per run: create (server time), start to the tether's hello (power-on and boot), hello to
exit (START, the process, EXIT), exit to removal (power-off and destroy), all in ms.
"""
import glob
import os
import re
import statistics
import sys
from datetime import datetime

TS = re.compile(r"^(\S+Z) ")
ACCESS = re.compile(r"access - (\w+) (\S+) (\d{3}) ([\d.]+)ms")
LINK_UP = re.compile(r"Link up for container ([0-9a-f]{64})")
EXITED = re.compile(r"container ([0-9a-f]{64}) exited with")


def when(line):
    m = TS.match(line)
    return datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp() * 1000 if m else None


def main():
    log = sys.argv[1] if len(sys.argv) > 1 else max(
        glob.glob("/tmp/vch-e2e-bench*/state/vms/*/process/appliance.log"), key=os.path.getmtime)
    creates, starts, removed, link_up, exited = [], {}, {}, {}, {}
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            t = when(line)
            if t is None:
                continue
            if (m := ACCESS.search(line)):
                method, path, _, ms = m.group(1), m.group(2), m.group(3), float(m.group(4))
                if method == "POST" and path.startswith("/v1") and path.endswith("/containers/create"):
                    creates.append((t - ms, ms))
                elif (s := re.search(r"/containers/([0-9a-f]{64})/start", path)):
                    starts[s.group(1)] = (t - ms, t)
                elif (w := re.search(r"/containers/([0-9a-f]{64})/wait\?condition=removed", path)):
                    removed[w.group(1)] = t
            elif (m := LINK_UP.search(line)):
                link_up.setdefault(m.group(1), t)
            elif (m := EXITED.search(line)):
                exited[m.group(1)] = t
    rows = []
    for cid, end in removed.items():
        if cid not in starts or cid not in link_up or cid not in exited:
            continue
        begin, _ = starts[cid]
        create = max((c for c in creates if c[0] <= begin), default=(0, float("nan")))[1]
        rows.append((create, link_up[cid] - begin, exited[cid] - link_up[cid], end - exited[cid]))
    print("run  create  start->hello  hello->exit  exit->removed  (ms)")
    for i, r in enumerate(rows, 1):
        print(f"{i:3d} {r[0]:7.0f} {r[1]:13.0f} {r[2]:12.0f} {r[3]:14.0f}")
    if rows:
        med = [statistics.median(c) for c in zip(*rows)]
        print(f"med {med[0]:7.0f} {med[1]:13.0f} {med[2]:12.0f} {med[3]:14.0f}")


if __name__ == "__main__":
    main()

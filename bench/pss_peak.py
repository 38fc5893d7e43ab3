#!/usr/bin/python3
"""Peak memory of a process tree (a PostgreSQL server: postmaster + backends + parallel workers).

    /usr/bin/python3 bench/pss_peak.py ROOT_PID STOP_FILE OUT_FILE

Every 0.2 s sums the proportional set size (Pss, shared pages split between the processes that map
them, so shared_buffers counts once) of ROOT_PID and all its descendants, until STOP_FILE exists;
then writes the peak in kB to OUT_FILE. /usr/bin/time cannot see a server's memory: psql is a client.
"""

import os
import sys
import time


def children():
    kids = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        kids.setdefault(ppid, []).append(int(pid))
    return kids


def tree(root):
    kids, out, todo = children(), [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    root, stop, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    peak = 0
    while not os.path.exists(stop):
        peak = max(peak, sum(pss_kb(p) for p in tree(root)))
        time.sleep(0.2)
    with open(out, "w") as fh:
        fh.write(f"{peak}\n")


if __name__ == "__main__":
    main()

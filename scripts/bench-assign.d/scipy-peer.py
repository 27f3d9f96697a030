#!/usr/bin/python3
# scipy-peer: the peer of assign-solve in scripts/bench-assign, SciPy's
# linear_sum_assignment (Debian python3-scipy) on the same pairs.
# usage: scipy-peer.py PAIRS.tsv
# Every agent and task paired (a full matrix), capacity 1; maximises,
# writes the assignment as assign-solve does (agent, task, value) on
# stdout, then "objective N" and "seconds S" (the solve alone) on stderr.
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: scipy-peer.py PAIRS.tsv")
    agents, tasks, rows = {}, {}, []
    aname, tname = [], []
    with open(sys.argv[1]) as f:
        f.readline()
        for line in f:
            a, t, v = line.rstrip("\n").split("\t")
            if a not in agents:
                agents[a] = len(aname)
                aname.append(a)
            if t not in tasks:
                tasks[t] = len(tname)
                tname.append(t)
            rows.append((agents[a], tasks[t], int(v)))
    m = np.full((len(agents), len(tasks)), np.nan)
    for a, t, v in rows:
        m[a, t] = v
    if np.isnan(m).any():
        sys.exit("scipy-peer: not every pair is given")
    t0 = time.perf_counter()
    r, c = linear_sum_assignment(m, maximize=True)
    t1 = time.perf_counter()
    out = ["agent\ttask\tvalue\n"]
    out.extend("%s\t%s\t%d\n" % (aname[i], tname[j], int(m[i, j])) for i, j in zip(r, c))
    sys.stdout.write("".join(out))
    sys.stdout.flush()
    # Values are integers well below 2^53: the float sum is exact.
    sys.stderr.write("objective %d\nseconds %.3f\n" % (int(m[r, c].sum()), t1 - t0))


main()

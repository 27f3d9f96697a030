#!/usr/bin/python3
# scipy-peer: the peer of assign-solve in scripts/bench-assign, SciPy's
# linear_sum_assignment (Debian python3-scipy) on the same pairs.
# usage: scipy-peer.py PAIRS.tsv
# Every agent and task paired (a full matrix), capacity 1; maximises and
# prints "objective N" and "seconds S" (the solve alone, without reading).
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: scipy-peer.py PAIRS.tsv")
    agents, tasks, rows = {}, {}, []
    with open(sys.argv[1]) as f:
        f.readline()
        for line in f:
            a, t, v = line.rstrip("\n").split("\t")
            rows.append((agents.setdefault(a, len(agents)),
                         tasks.setdefault(t, len(tasks)), int(v)))
    m = np.full((len(agents), len(tasks)), np.nan)
    for a, t, v in rows:
        m[a, t] = v
    if np.isnan(m).any():
        sys.exit("scipy-peer: not every pair is given")
    t0 = time.perf_counter()
    r, c = linear_sum_assignment(m, maximize=True)
    t1 = time.perf_counter()
    # Values are integers well below 2^53: the float sum is exact.
    print("objective %d" % int(m[r, c].sum()))
    print("seconds %.3f" % (t1 - t0))


main()

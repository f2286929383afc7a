#!/usr/bin/env python3
"""Prints the median, mean and minimum of a hyperfine --export-json result file."""
import json
import sys

r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda k: r[k] * 1000
print("median %.2f ms, mean %.2f ms, min %.2f ms over %d runs" % (ms("median"), ms("mean"), ms("min"), len(r["times"])))

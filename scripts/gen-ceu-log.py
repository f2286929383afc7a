#!/usr/bin/env python3
"""Writes a synthetic CEU log of N entries and a profile using it: gen-ceu-log.py N DIR."""
import datetime
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(1)
start = datetime.date(2016, 1, 1)
span = (datetime.date(2026, 11, 1) - start).days
with open(f"{out}/big.ceus.yaml", "w") as f:
    f.write(f"# synthetic {n}-entry log\n")
    for i in range(n):
        d = start + datetime.timedelta(days=i * span // n)
        f.write(
            f'- date: {d}\n  title: "Course {i}"\n  provider: Provider {i % 37}\n'
            f"  ceus: {random.choice([0.5, 1, 1.5, 2, 3])}\n  aapc_index: IDX-{i}\n"
            f"  topics: [{random.choice(['cpt', 'icd10cm', 'CPMA'])}]\n"
            f"  domain: {random.choice(['hiim', 'hiim', 'other'])}\n"
            f"  ahima_sourced: {str(i % 3 == 0).lower()}\n"
        )
with open(f"{out}/big.yaml", "w") as f:
    f.write(
        "name: Big Log\neducation: certificate\nmemberships: [AAPC]\ncredentials:\n"
        "  - { id: CPC, earned: 2016-01-01 }\n  - { id: CPMA, earned: 2017-01-01 }\n"
        "  - { id: CCS, earned: 2016-03-01 }\naapc_renewal: 2025-05-31\nceu_log: big.ceus.yaml\n"
    )

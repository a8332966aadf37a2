"""The sum checks an analyst would otherwise write, for the side-by-side row of `npm run bench`.

Reads a units-in-rows split with openpyxl (read_only=True, data_only=True), finds the header row
(its first cell is 地区/单位/…) and the 合计 row, sums each indicator's units and compares the sum
with the 合计 row. Prints the number of indicators whose sum disagrees, then one line per mismatch.

    /usr/bin/python3 bench/openpyxl_check.py FILE.xlsx

Run with Debian's python3-openpyxl (`apt-get install python3-openpyxl`); the bench installs it.
"""

import math
import sys

import openpyxl

TOTAL_LABELS = {"合计", "总计", "全市", "全省", "全县"}


def main(path: str) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    header = None
    total = None
    sums = None
    units = 0
    for row in ws.iter_rows(values_only=True):
        if header is None:
            header = row
            sums = [[] for _ in row[1:]]
            continue
        name = row[0]
        if name is None:
            continue
        if str(name).strip() in TOTAL_LABELS:
            total = row[1:]
            continue
        units += 1
        for i, v in enumerate(row[1:]):
            if isinstance(v, (int, float)):
                sums[i].append(v)
    wb.close()
    if header is None or total is None:
        print("no header or no 合计 row", file=sys.stderr)
        return 2
    mismatches = []
    for i, values in enumerate(sums):
        stated = total[i]
        if not isinstance(stated, (int, float)):
            continue
        computed = math.fsum(values)
        if abs(computed - stated) > 1e-6:
            mismatches.append((header[i + 1], computed, stated))
    print(len(mismatches))
    for name, computed, stated in mismatches:
        print(f"{name}: {units} units add up to {computed:.10g}, 合计 says {stated:.10g}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

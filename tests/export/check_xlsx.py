"""Reads a workbook from `landaudit export --format xlsx` with openpyxl, as Excel would see it,
and prints what the C++ test (tests/cli/export_test.cpp) compares with the GeoPackage:

  sheet <TAB> index <TAB> title <TAB> freeze_panes <TAB> autofilter <TAB> data rows <TAB> columns
  col <TAB> sheet title <TAB> header <TAB> number format <TAB> sum of numeric cells <TAB> numeric cells <TAB> text cells

Run with Debian's /usr/bin/python3 (python3-openpyxl). Exit code 0 when the file opens.
"""
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path, read_only=False)
    for index, ws in enumerate(wb.worksheets):
        rows = list(ws.iter_rows(values_only=False))
        header = rows[0] if rows else []
        print("\t".join(["sheet", str(index), ws.title, str(ws.freeze_panes), str(ws.auto_filter.ref),
                         str(max(0, len(rows) - 1)), str(len(header))]))
        for c, head in enumerate(header):
            total, numbers, texts, number_format = 0.0, 0, 0, ""
            for row in rows[1:]:
                cell = row[c]
                if cell.value is None:
                    continue
                if not number_format:
                    number_format = cell.number_format
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    total += cell.value
                    numbers += 1
                else:
                    texts += 1
            print("\t".join(["col", ws.title, str(head.value), number_format, repr(total), str(numbers), str(texts)]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_xlsx.py WORKBOOK.xlsx")
    main(sys.argv[1])

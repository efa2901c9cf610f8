#!/usr/bin/env python3
"""Compare two xlsx workbooks by what a user sees, not by bytes: sheet names, every cell's value and
resolved style, column widths, panes, data validations, conditional formats (with their dxf styles),
page set-up, defined names and autofilters. Shared strings and inline strings compare equal. What
does not change what a user sees is ignored: the `dimension` hint (Excel recomputes it), printer
resolution, a font's `scheme` and the theme's default text colour written as `theme="1"` or as black.

usage: xlsx_same.py A.xlsx B.xlsx      exit 0 when the same, 1 with the first differences listed
Standard library only.
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]


def text_of(node):
    return "".join(t.text or "" for t in node.iter(M + "t"))


def canonical(node):
    """An element as a string with sorted attributes, for order-insensitive comparison."""
    if node is None:
        return None
    attrs = " ".join(f"{k}={v}" for k, v in sorted(node.attrib.items()))
    inner = "".join(canonical(child) for child in node)
    return f"<{node.tag.split('}')[-1]} {attrs}>{(node.text or '').strip()}{inner}</>"


def font_key(font):
    """A font without its theme scheme, the default text colour (theme 1, black) written as black."""
    for scheme in font.findall("m:scheme", NS):
        font.remove(scheme)
    for colour in font.findall("m:color", NS):
        if colour.attrib == {"theme": "1"}:
            colour.attrib = {"rgb": "FF000000"}
    return canonical(font)


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        names = self.zip.namelist()
        self.shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(self.zip.read("xl/sharedStrings.xml"))
            self.shared = [text_of(si) for si in root.findall("m:si", NS)]
        styles = ET.fromstring(self.zip.read("xl/styles.xml"))
        fonts = [font_key(f) for f in styles.find("m:fonts", NS)]
        fills = [canonical(f) for f in styles.find("m:fills", NS)]
        borders = [canonical(b) for b in styles.find("m:borders", NS)]
        numfmts = {n.get("numFmtId"): n.get("formatCode") for n in styles.iterfind("m:numFmts/m:numFmt", NS)}
        self.xfs = []
        for xf in styles.find("m:cellXfs", NS):
            a = xf.attrib
            self.xfs.append((fonts[int(a.get("fontId", 0))], fills[int(a.get("fillId", 0))],
                             borders[int(a.get("borderId", 0))], numfmts.get(a.get("numFmtId"), a.get("numFmtId")),
                             canonical(xf.find("m:alignment", NS)), canonical(xf.find("m:protection", NS))))
        dxfs = styles.find("m:dxfs", NS)
        self.dxfs = [canonical(d) for d in dxfs] if dxfs is not None else []
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = [(s.get("name"), "xl/" + target[s.get("{%s}id" % NS["r"])].lstrip("/").removeprefix("xl/"))
                       for s in wb.iterfind("m:sheets/m:sheet", NS)]
        self.defined = sorted((d.get("name"), d.get("localSheetId"), d.text) for d in wb.iterfind(
            "m:definedNames/m:definedName", NS))

    def sheet(self, path):
        root = ET.fromstring(self.zip.read(path))
        cells = {}
        for c in root.iterfind("m:sheetData/m:row/m:c", NS):
            kind = c.get("t")
            if kind == "s":
                value = self.shared[int(c.find("m:v", NS).text)]
            elif kind == "inlineStr":
                value = text_of(c.find("m:is", NS))
            else:
                v = c.find("m:v", NS)
                value = v.text if v is not None else None
            cells[c.get("r")] = (value, self.xfs[int(c.get("s", 0))])
        parts = {"cells": cells}
        for tag in ("cols", "sheetViews", "dataValidations", "pageSetup", "printOptions", "pageMargins",
                    "autoFilter", "sheetFormatPr"):
            node = root.find("m:" + tag, NS)
            if tag == "pageSetup" and node is not None:
                for dpi in ("horizontalDpi", "verticalDpi"):
                    node.attrib.pop(dpi, None)
            parts[tag] = canonical(node)
        cond = []
        for cf in root.iterfind("m:conditionalFormatting", NS):
            for rule in cf.iterfind("m:cfRule", NS):
                a = dict(rule.attrib)
                dxf = self.dxfs[int(a.pop("dxfId"))] if "dxfId" in a else None
                a.pop("priority", None)
                cond.append((cf.get("sqref"), sorted(a.items()), dxf, canonical(rule.find("m:formula", NS))))
        parts["conditionalFormatting"] = cond
        fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
        parts["fitToPage"] = canonical(fit)
        return parts


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = Book(sys.argv[1]), Book(sys.argv[2])
    problems, cells = [], 0
    if [n for n, _ in a.sheets] != [n for n, _ in b.sheets]:
        problems.append(f"sheet names differ: {len(a.sheets)} vs {len(b.sheets)} sheets")
    if a.defined != b.defined:
        problems.append("defined names differ")
    for (name, pa), (_, pb) in zip(a.sheets, b.sheets):
        sa, sb = a.sheet(pa), b.sheet(pb)
        cells += len(sa["cells"])
        for key in sa:
            if sa[key] != sb[key]:
                detail = ""
                if key == "cells":
                    diff = sorted(set(sa[key].items()) ^ set(sb[key].items()), key=lambda kv: kv[0])[:4]
                    detail = f": {diff}"
                problems.append(f"sheet '{name}': {key} differ{detail}")
        if len(problems) > 20:
            break
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print(f"same: {len(a.sheets)} sheets, {cells} cells (values and styles), validations, conditional formats, "
          "panes, columns, print set-up and defined names")


if __name__ == "__main__":
    main()

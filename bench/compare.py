#!/usr/bin/python3
"""Per-parcel agreement of two overlap results (issue 8 bench).

    /usr/bin/python3 bench/compare.py REF.gpkg OTHER[.gpkg|.csv] ID RED FARM
    /usr/bin/python3 bench/compare.py --summary REF.gpkg

REF is landaudit's output GeoPackage (layer `parcels`: parcel_id, red_m2, farm_m2). OTHER is any
OGR source with an id field and the red-line and farmland overlap areas of each parcel. Prints one
line of Markdown for the bench table and a JSON line with the full figures.

A parcel agrees when |a - b| ≤ 0.01 m² or |a - b| ≤ 1e-6 · max(|a|, |b|) (the issue-8 target).
"""

import json
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()
ABS_TOL, REL_TOL = 0.01, 1e-6


def read(path, id_field, fields, layer=None):
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    out = {}
    for f in lyr:
        vals = []
        for name in fields:
            v = f.GetField(name)
            vals.append(0.0 if v in (None, "") else float(v))
        out[str(f.GetField(id_field))] = vals
    return out


def figures(a, b, k):
    ids = sorted(set(a) | set(b))
    tot_a = sum(a[i][k] for i in a)
    tot_b = sum(b[i][k] for i in b)
    max_abs, max_rel, bad, worst = 0.0, 0.0, 0, None
    for i in ids:
        x = a[i][k] if i in a else float("nan")
        y = b[i][k] if i in b else float("nan")
        d = abs(x - y)
        if d != d:
            bad += 1
            continue
        rel = d / max(abs(x), abs(y)) if max(abs(x), abs(y)) > 0 else 0.0
        if d > max_abs:
            max_abs, worst = d, i
        max_rel = max(max_rel, rel)
        if d > ABS_TOL and rel > REL_TOL:
            bad += 1
    return dict(total_ref=tot_a, total_other=tot_b,
                total_rel=abs(tot_a - tot_b) / max(abs(tot_a), abs(tot_b), 1e-300),
                n_ref=sum(1 for i in a if a[i][k] > 0), n_other=sum(1 for i in b if b[i][k] > 0),
                max_abs=max_abs, max_rel=max_rel, worst=worst, disagree=bad)


def main():
    if sys.argv[1] == "--summary":           # the reference's own totals, for its row of the table
        a = read(sys.argv[2], "parcel_id", ["red_m2", "farm_m2"], "parcels")
        print("; ".join(f"{name} Σ {sum(v[k] for v in a.values()):.10g} m² on {sum(1 for v in a.values() if v[k] > 0)} "
                        f"parcels" for k, name in ((0, "red"), (1, "farm"))) + f" (reference, {len(a)} parcels)")
        return
    ref, other, id_field, red, farm = sys.argv[1:6]
    a = read(ref, "parcel_id", ["red_m2", "farm_m2"], "parcels")
    b = read(other, id_field, [red, farm])
    res = {"parcels_ref": len(a), "parcels_other": len(b), "only_ref": len(set(a) - set(b)),
           "only_other": len(set(b) - set(a)), "red": figures(a, b, 0), "farm": figures(a, b, 1)}
    cells = []
    for name, key in (("red", "red"), ("farm", "farm")):
        r = res[key]
        cells.append(f"{name}: Σ Δ {r['total_rel']:.1e} rel, {r['n_other']} parcels > 0 (vs {r['n_ref']}), "
                     f"max Δ {r['max_abs']:.2g} m² / {r['max_rel']:.1e} rel, {r['disagree']} beyond 1e-6 rel & 0.01 m²")
    if res["only_ref"] or res["only_other"]:
        cells.append(f"ids only in landaudit {res['only_ref']}, only here {res['only_other']}")
    print("; ".join(cells))
    print(json.dumps(res), file=sys.stderr)


if __name__ == "__main__":
    main()

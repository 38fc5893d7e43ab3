#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Deterministic audit-shaped bench data at any size (issue 8).

    /usr/bin/python3 bench/generate.py N [--out bench/data/N] [--seed S]

Writes into bench/data/N/ (all EPSG:4522, CGCS2000 3° GK zone 34, around x 34 500 000,
y 2 760 000 near Kunming):

    parcels.gpkg    N parcels: a jittered ~100 m tiling (8 vertices each; every corner and edge
                    midpoint is shared with the neighbours, so parcels tile with no gap or overlap),
                    with the sample's field names (ZDDM, DLBM, HYDM, QYDM, JZMJ …, GYRQ … XZYY)
    parks.gpkg      parks covering the tiling: blocks of ~20 000 parcels whose outlines follow the
                    parcel edges, alternating 国家级 / 省级
    redline.gpkg    red-line blobs of 4 000 vertices (50 per 1M parcels, at least 4), star-shaped,
                    every second one overlapping its predecessor, ~40 % of the area in union
    farmland.gpkg   farmland patches (20 000 per 1M parcels, at least 50) of 16-48 vertices
    buildings.gpkg  1-2 footprints on ~35 % of the parcels (those have no JZMJ/JZJDMJ of their own)
    economics.csv   2023 and 2024 figures per enterprise (QYDM), as the sample's economics.csv
    approved.gpkg   approval batches (批次): 4×4-parcel blocks, one per 20×20 parcels
    supplied.gpkg   supply records (供地): ~70 % of the parcels inside batches
    audit.toml      the landaudit config for all of it (as sample_gis/audit.toml)

The same N and seed give the same data (numpy PCG64 streams, fixed GeoPackage timestamps).
"""

import argparse
import datetime
import math
import os
import shutil
import sys
import time

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
gdal.SetConfigOption("OGR_CURRENT_DATE", "2025-01-01T00:00:00.000Z")
gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
gdal.SetConfigOption("OGR_SQLITE_CACHE", "512")

CELL = 100.0                      # nominal parcel size, m
X_CENTRE, Y_CENTRE = 34_500_000.0, 2_760_000.0
CORNER_JITTER = 15.0              # m, each axis
MID_JITTER = 5.0                  # m, each axis
PARK_CELLS = 20_000               # parcels per park, about
BLOB_VERTICES = 4_000
BLOBS_PER_M = 50
RED_FACTOR = 0.7                  # Σ blob area / extent area; with overlaps and edges the union covers ~40 %
FARM_PER_M = 20_000
AS_OF = datetime.date(2025, 12, 31)

SRS = osr.SpatialReference()
SRS.ImportFromEPSG(4522)
SRS.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)

INDUSTRIES = ["C39", "C27", "C30", "C13", "C34", "C26", "C31", "C35", "C38", "C36", "C14", "C40"]
KINDS = ["标准厂房", "办公楼", "仓库", "宿舍"]
IDLE_CAUSES = ["企业资金不足", "政府规划调整", "不可抗力", "市场原因"]


# ------------------------------------------------------------------ layout
def grid_shape(n):
    """nx × ny = n when n has a divisor near its square root, else the smallest cover."""
    root = int(math.isqrt(n))
    for d in range(root, 0, -1):
        if n % d == 0:
            if d * 2 >= root:
                return n // d, d
            break
    nx = root if root * root >= n else root + 1
    return nx, -(-n // nx)


class Tiling:
    """Jittered grid points: corners (nx+1)×(ny+1), midpoints of horizontal edges nx×(ny+1) and of
    vertical edges (nx+1)×ny, all rounded to mm so neighbours share them bit for bit."""

    def __init__(self, rng, nx, ny):
        self.nx, self.ny = nx, ny
        self.x0 = round(X_CENTRE - nx * CELL / 2)
        self.y0 = round(Y_CENTRE - ny * CELL / 2)
        i, j = np.meshgrid(np.arange(nx + 1), np.arange(ny + 1), indexing="ij")
        self.cx = np.round(self.x0 + i * CELL + rng.uniform(-CORNER_JITTER, CORNER_JITTER, i.shape), 3)
        self.cy = np.round(self.y0 + j * CELL + rng.uniform(-CORNER_JITTER, CORNER_JITTER, i.shape), 3)
        i, j = np.meshgrid(np.arange(nx), np.arange(ny + 1), indexing="ij")
        self.hx = np.round(self.x0 + (i + 0.5) * CELL + rng.uniform(-MID_JITTER, MID_JITTER, i.shape), 3)
        self.hy = np.round(self.y0 + j * CELL + rng.uniform(-MID_JITTER, MID_JITTER, i.shape), 3)
        i, j = np.meshgrid(np.arange(nx + 1), np.arange(ny), indexing="ij")
        self.vx = np.round(self.x0 + i * CELL + rng.uniform(-MID_JITTER, MID_JITTER, i.shape), 3)
        self.vy = np.round(self.y0 + (j + 0.5) * CELL + rng.uniform(-MID_JITTER, MID_JITTER, i.shape), 3)

    def cell_ring(self, i, j):
        """Counter-clockwise ring of cell (i, j), 8 vertices."""
        return [(self.cx[i, j], self.cy[i, j]), (self.hx[i, j], self.hy[i, j]),
                (self.cx[i + 1, j], self.cy[i + 1, j]), (self.vx[i + 1, j], self.vy[i + 1, j]),
                (self.cx[i + 1, j + 1], self.cy[i + 1, j + 1]), (self.hx[i, j + 1], self.hy[i, j + 1]),
                (self.cx[i, j + 1], self.cy[i, j + 1]), (self.vx[i, j], self.vy[i, j])]

    def block_ring(self, i0, j0, i1, j1):
        """Counter-clockwise outline of the cells [i0, i1) × [j0, j1), along the parcel edges."""
        pts = []
        for i in range(i0, i1):                       # bottom, eastwards
            pts += [(self.cx[i, j0], self.cy[i, j0]), (self.hx[i, j0], self.hy[i, j0])]
        for j in range(j0, j1):                       # right, northwards
            pts += [(self.cx[i1, j], self.cy[i1, j]), (self.vx[i1, j], self.vy[i1, j])]
        for i in range(i1 - 1, i0 - 1, -1):           # top, westwards
            pts += [(self.cx[i + 1, j1], self.cy[i + 1, j1]), (self.hx[i, j1], self.hy[i, j1])]
        for j in range(j1 - 1, j0 - 1, -1):           # left, southwards
            pts += [(self.cx[i0, j + 1], self.cy[i0, j + 1]), (self.vx[i0, j], self.vy[i0, j])]
        return pts

    def extent(self):
        return self.x0, self.y0, self.x0 + self.nx * CELL, self.y0 + self.ny * CELL


def polygon(coords):
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in coords:
        r.AddPoint_2D(float(x), float(y))
    r.AddPoint_2D(float(coords[0][0]), float(coords[0][1]))
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometryDirectly(r)
    return g


def star(rng, cx, cy, radius, n, harmonics, noise):
    """A star-shaped (hence simple) polygon: radius(θ) = R (1 + Σ a_k cos(kθ + φ_k)) + noise."""
    theta = np.arange(n) * (2 * math.pi / n)
    r = np.ones(n)
    for k in range(2, 2 + harmonics):
        r += rng.uniform(0.3, 1.0) * (0.25 / k) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    r = radius * r * (1.0 + rng.uniform(-noise, noise, n))
    return list(zip(np.round(cx + r * np.cos(theta), 3), np.round(cy + r * np.sin(theta), 3)))


# ------------------------------------------------------------------ writing
class Writer:
    def __init__(self, path, name, fields, geom_type=ogr.wkbPolygon):
        self.ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        self.lyr = self.ds.CreateLayer(name, SRS, geom_type, ["SPATIAL_INDEX=YES"])
        for fname, ftype in fields:
            self.lyr.CreateField(ogr.FieldDefn(fname, ftype))
        self.defn = self.lyr.GetLayerDefn()
        self.index = {fname: k for k, (fname, _) in enumerate(fields)}
        self.ds.StartTransaction()
        self.count = 0

    def add(self, geom, values):
        f = ogr.Feature(self.defn)
        for key, value in values.items():
            if value is None:
                continue
            k = self.index[key]
            if isinstance(value, datetime.date):
                f.SetField(k, value.year, value.month, value.day, 0, 0, 0, 0)
            else:
                f.SetField(k, value)
        if geom is not None:
            f.SetGeometryDirectly(geom)
        self.lyr.CreateFeature(f)
        self.count += 1
        if self.count % 100_000 == 0:
            self.ds.CommitTransaction()
            self.ds.StartTransaction()

    def close(self):
        self.ds.CommitTransaction()
        self.ds = None


def text_date(d):
    return None if d is None else d.isoformat()


def add_days(d, days):
    return d + datetime.timedelta(days=int(days))


def log(msg, t0=[time.time()]):
    print(f"[{time.time() - t0[0]:7.1f} s] {msg}", flush=True)


# ------------------------------------------------------------------ layers
def parks(tiling, out):
    nx, ny = tiling.nx, tiling.ny
    count = max(2, round(nx * ny / PARK_CELLS))
    px = max(1, round(math.sqrt(count * nx / ny)))
    py = max(1, -(-count // px))
    xs = [round(k * nx / px) for k in range(px + 1)]
    ys = [round(k * ny / py) for k in range(py + 1)]
    w = Writer(os.path.join(out, "parks.gpkg"), "parks",
               [("YQDM", ogr.OFTString), ("YQMC", ogr.OFTString), ("YQJB", ogr.OFTString),
                ("ZDCY", ogr.OFTString)])
    park_of = np.zeros((nx, ny), dtype=np.int32)
    level_of = []
    k = 0
    for b in range(py):
        for a in range(px):
            if xs[a] == xs[a + 1] or ys[b] == ys[b + 1]:
                continue
            level = "国家级" if k % 2 == 0 else "省级"
            level_of.append(level)
            park_of[xs[a]:xs[a + 1], ys[b]:ys[b + 1]] = k
            w.add(polygon(tiling.block_ring(xs[a], ys[b], xs[a + 1], ys[b + 1])),
                  {"YQDM": f"P{k + 1:04d}", "YQMC": f"基准园区{k + 1}", "YQJB": level,
                   "ZDCY": ",".join(INDUSTRIES[(2 * k) % len(INDUSTRIES):(2 * k) % len(INDUSTRIES) + 2])})
            k += 1
    w.close()
    log(f"parks: {k}")
    return park_of, level_of


def redline(rng, tiling, out, n_parcels):
    x0, y0, x1, y1 = tiling.extent()
    area = (x1 - x0) * (y1 - y0)
    count = max(4, round(BLOBS_PER_M * n_parcels / 1e6))
    radius = math.sqrt(RED_FACTOR * area / count / math.pi)
    w = Writer(os.path.join(out, "redline.gpkg"), "redline",
               [("BSM", ogr.OFTString), ("HXMC", ogr.OFTString), ("HXLX", ogr.OFTString)])
    union = None
    prev = None
    for k in range(count):
        r = radius * rng.uniform(0.8, 1.2)
        if k % 2 == 1 and prev is not None:           # overlaps its predecessor
            ang = rng.uniform(0, 2 * math.pi)
            cx, cy = prev[0] + 1.1 * r * math.cos(ang), prev[1] + 1.1 * r * math.sin(ang)
        else:
            cx, cy = rng.uniform(x0 + 0.6 * r, x1 - 0.6 * r), rng.uniform(y0 + 0.6 * r, y1 - 0.6 * r)
        prev = (cx, cy)
        g = polygon(star(rng, cx, cy, r, BLOB_VERTICES, 6, 0.002))
        union = g.Clone() if union is None else union.Union(g)
        w.add(g, {"BSM": f"530100HX{k + 1:07d}", "HXMC": f"基准生态保护红线{k + 1}",
                  "HXLX": ["水源涵养", "水土保持", "生物多样性维护"][k % 3]})
    w.close()
    ext = ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")
    cover = union.Intersection(ext).GetArea() / area
    log(f"redline: {count} blobs of {BLOB_VERTICES} vertices, {100 * cover:.1f} % of the area in union")
    return count, cover


def farmland(rng, tiling, out, n_parcels):
    x0, y0, x1, y1 = tiling.extent()
    count = max(50, round(FARM_PER_M * n_parcels / 1e6))
    s = math.sqrt((x1 - x0) * (y1 - y0) / count)
    gx, gy = max(1, round((x1 - x0) / s)), max(1, round((y1 - y0) / s))
    sx, sy = (x1 - x0) / gx, (y1 - y0) / gy
    w = Writer(os.path.join(out, "farmland.gpkg"), "farmland",
               [("JBNTTBBH", ogr.OFTString), ("DLMC", ogr.OFTString)])
    k = 0
    for a in range(gx):
        for b in range(gy):
            cx = x0 + (a + 0.5 + rng.uniform(-0.12, 0.12)) * sx
            cy = y0 + (b + 0.5 + rng.uniform(-0.12, 0.12)) * sy
            r = min(sx, sy) * rng.uniform(0.15, 0.3)
            g = polygon(star(rng, cx, cy, r, int(rng.integers(16, 49)), 3, 0.03))
            k += 1
            w.add(g, {"JBNTTBBH": f"53010{k:07d}", "DLMC": ["水田", "水浇地", "旱地"][k % 3]})
    w.close()
    log(f"farmland: {k} patches")
    return k


def parcels_and_rest(rng, tiling, out, park_of, level_of):
    nx, ny = tiling.nx, tiling.ny
    n = nx * ny
    # approval batches: a 4×4 block at the corner of every 20×20 block
    in_batch = np.full((nx, ny), -1, dtype=np.int64)
    batches = []
    for a in range(0, nx - 3, 20):
        for b in range(0, ny - 3, 20):
            in_batch[a:a + 4, b:b + 4] = len(batches)
            batches.append((a, b))
    approval = [datetime.date(2009, 1, 1) + datetime.timedelta(days=int(d))
                for d in rng.integers(0, 15 * 365, len(batches))]

    # per-parcel draws, vectorised
    u_use = rng.random(n)
    land_use = np.where(u_use < 0.72, "0601", np.where(u_use < 0.86, "0604", np.where(u_use < 0.93, "05H1", "0809")))
    industry = rng.integers(0, len(INDUSTRIES), n)
    has_buildings = rng.random(n) < 0.35
    far = rng.uniform(0.4, 2.5, n)
    cover = rng.uniform(0.25, 0.6, n)
    yard = rng.random(n) < 0.2
    admin = rng.uniform(0.02, 0.1, n)
    supply_day = rng.integers(0, 16 * 365, n)           # supply dates 2008 … 2023
    started = rng.random(n)
    start_delay = rng.integers(-60, 500, n)
    suspended = rng.random(n) < 0.03
    developed = rng.uniform(0.1, 1.0, n)
    invest = rng.uniform(800.0, 20_000.0, n)
    invested = rng.uniform(0.05, 1.0, n)
    price_mu = rng.uniform(15.0, 60.0, n)
    cause = rng.integers(0, len(IDLE_CAUSES), n)
    batch_supplied = rng.random(n) < 0.7
    n_build = rng.integers(1, 3, n)
    floors = rng.integers(1, 7, (n, 2))
    kinds = rng.integers(0, len(KINDS), (n, 2))
    bsize = rng.uniform(0.55, 0.95, (n, 4))
    econ = rng.uniform(0.3, 2.5, (n, 6))
    growth = rng.uniform(-0.1, 0.2, n)
    shared_with_prev = rng.random(n) < 0.05

    P = Writer(os.path.join(out, "parcels.gpkg"), "parcels",
               [("ZDDM", ogr.OFTString), ("DLBM", ogr.OFTString), ("ZDMJ", ogr.OFTReal),
                ("HYDM", ogr.OFTString), ("QYDM", ogr.OFTString),
                ("JZMJ", ogr.OFTReal), ("JZJDMJ", ogr.OFTReal), ("DCMJ", ogr.OFTReal), ("XZMJ", ogr.OFTReal),
                ("GYRQ", ogr.OFTDate), ("YDKGSJ", ogr.OFTString), ("SJKGSJ", ogr.OFTString),
                ("TGRQ", ogr.OFTString), ("YKFMJ", ogr.OFTReal), ("YJKFMJ", ogr.OFTReal),
                ("ZTZ", ogr.OFTReal), ("YTZ", ogr.OFTReal), ("CRJK", ogr.OFTReal), ("XZYY", ogr.OFTString)])
    B = Writer(os.path.join(out, "buildings.gpkg"), "buildings",
               [("JZBH", ogr.OFTString), ("CS", ogr.OFTInteger), ("GD", ogr.OFTReal), ("JZLX", ogr.OFTString)])
    S = Writer(os.path.join(out, "supplied.gpkg"), "supplied",
               [("DZBAH", ogr.OFTString), ("GYRQ", ogr.OFTDate), ("GYFS", ogr.OFTString), ("CJJG", ogr.OFTReal)])
    econ_rows = []
    enterprise = None
    n_ent = 0
    n_build_total = 0
    for j in range(ny):
        for i in range(nx):
            k = j * nx + i
            pid = f"530100{k + 1:010d}"
            ring = tiling.cell_ring(i, j)
            g = polygon(ring)
            area = g.GetArea()
            use = str(land_use[k])
            v = {"ZDDM": pid, "DLBM": use, "ZDMJ": round(area, 2)}
            if use in ("0601", "0604"):
                v["HYDM"] = INDUSTRIES[industry[k]] if use == "0601" else "G59"
                if not (shared_with_prev[k] and enterprise is not None and i > 0):
                    n_ent += 1
                    enterprise = f"E{n_ent:07d}"
                    mu = area / (2000.0 / 3.0)
                    base = dict(inv=350 * econ[k, 0], out=500 * econ[k, 1], tax=30 * econ[k, 2])
                    for year, f in ((2023, 1.0 / (1.0 + growth[k])), (2024, 1.0)):
                        rev = base["out"] * econ[k, 3] * f * mu
                        econ_rows.append([enterprise, year, round(base["inv"] * f * mu, 2),
                                          round(base["out"] * f * mu, 2), round(rev, 2), round(base["tax"] * f * mu, 2),
                                          round(0.25 * base["out"] * f * mu, 2), round(0.4 * econ[k, 4] * rev / 10, 2),
                                          round(0.01 * rev, 2), max(5, int(rev / 30)), round(0.02 * rev, 2),
                                          round(0.3 * econ[k, 5] * rev, 2) if use == "0601" else 0.0, ""])
                v["QYDM"] = enterprise
            else:
                enterprise = None
            if has_buildings[k]:
                # footprints inside the cell's safe core (corners move ≤ 15 m, midpoints ≤ 5 m)
                bx0, by0 = tiling.x0 + i * CELL + 22.0, tiling.y0 + j * CELL + 22.0
                core = CELL - 44.0
                parts = int(n_build[k])
                for m in range(parts):
                    w = core / parts
                    x_lo = bx0 + m * w + 2.0
                    x_hi = x_lo + (w - 4.0) * bsize[k, 2 * m]
                    y_hi = by0 + core * bsize[k, 2 * m + 1]
                    fl = int(floors[k, m])
                    n_build_total += 1
                    B.add(polygon([(round(x_lo, 3), round(by0, 3)), (round(x_hi, 3), round(by0, 3)),
                                   (round(x_hi, 3), round(y_hi, 3)), (round(x_lo, 3), round(y_hi, 3))]),
                          {"JZBH": f"{pid}J{m + 1}", "CS": fl, "GD": round(fl * 4.2 if fl > 1 else 9.0, 1),
                           "JZLX": KINDS[kinds[k, m]]})
            else:
                v["JZMJ"] = round(area * far[k], 2)
                v["JZJDMJ"] = round(area * cover[k], 2)
            if yard[k]:
                v["DCMJ"] = round(area * 0.1, 2)
            v["XZMJ"] = round(area * admin[k], 2)
            b = in_batch[i, j]
            supply = None
            if b >= 0:
                if batch_supplied[k]:
                    supply = add_days(approval[b], 30 + supply_day[k] % 900)
                    if supply > AS_OF:
                        supply = None
            else:
                supply = add_days(datetime.date(2008, 1, 1), supply_day[k])
            if supply is not None:
                v["GYRQ"] = supply
                agreed = add_days(supply, 365)
                v["YDKGSJ"] = text_date(agreed)
                if started[k] < 0.9:
                    actual = add_days(agreed, start_delay[k])
                    if actual <= AS_OF:
                        v["SJKGSJ"] = text_date(actual)
                        if suspended[k]:
                            v["TGRQ"] = text_date(add_days(actual, 200))
                if started[k] > 0.95:
                    v["XZYY"] = IDLE_CAUSES[cause[k]]
                v["YKFMJ"] = round(area, 2)
                v["YJKFMJ"] = round(area * developed[k], 2)
                v["ZTZ"] = round(invest[k], 2)
                v["YTZ"] = round(invest[k] * invested[k], 2)
                v["CRJK"] = round(price_mu[k] * area / (2000.0 / 3.0), 2)
                if b >= 0:
                    S.add(g.Clone(), {"DZBAH": f"5301002{k + 1:011d}", "GYRQ": supply,
                                      "GYFS": ["出让", "划拨", "租赁"][k % 3], "CJJG": v["CRJK"]})
            P.add(g, v)
        if (j + 1) % max(1, ny // 10) == 0:
            log(f"parcels: {P.count} of {n}")
    P.close()
    B.close()
    S.close()

    A = Writer(os.path.join(out, "approved.gpkg"), "approved",
               [("PCMC", ogr.OFTString), ("PZWH", ogr.OFTString), ("PZRQ", ogr.OFTDate), ("PZMJ", ogr.OFTReal)])
    for b, (a0, b0) in enumerate(batches):
        g = polygon(tiling.block_ring(a0, b0, a0 + 4, b0 + 4))
        recorded = g.GetArea() * (1.03 if b % 50 == 7 else 1.0)     # a few recorded areas off by 3 %
        A.add(g, {"PCMC": f"基准批次{b + 1:06d}", "PZWH": f"云政地〔{approval[b].year}〕{b + 1}号",
                  "PZRQ": approval[b], "PZMJ": round(recorded, 2)})
    A.close()

    import csv
    with open(os.path.join(out, "economics.csv"), "w", encoding="utf-8", newline="") as fh:
        wcsv = csv.writer(fh, lineterminator="\n")
        wcsv.writerow(["QYDM", "ND", "GDZCTZ", "ZCZ", "YYSR", "SS", "ZJZ", "NH", "PFL", "CYRS", "YFJF",
                       "GXSR", "ZLMJ"])
        wcsv.writerows(econ_rows)
    log(f"parcels {P.count}, buildings {n_build_total}, supplied {S.count}, batches {A.count}, "
        f"enterprises {n_ent} ({len(econ_rows)} economics rows)")
    return dict(parcels=P.count, buildings=n_build_total, supplied=S.count, batches=A.count, enterprises=n_ent)


AUDIT_TOML = """\
# landaudit bench audit, written by bench/generate.py (N = {n}, seed {seed}). Paths relative to this file.
[audit]
name = "基准数据 {n} 宗地"
crs = "EPSG:4522"
min_overlap_m2 = 1.0
invalid_geometry = "repair"
as_of = 2025-12-31

[output]
path = "out/audit.gpkg"

[parks]
path = "parks.gpkg"
layer = "parks"
[parks.fields]
id = "YQDM"
name = "YQMC"
level = "YQJB"
lead_industries = "ZDCY"

[parcels]
path = "parcels.gpkg"
layer = "parcels"
[parcels.fields]
id = "ZDDM"
land_use = "DLBM"
industry = "HYDM"
enterprise = "QYDM"
floor_area = "JZMJ"
footprint = "JZJDMJ"
yard_area = "DCMJ"
admin_area = "XZMJ"
supply_date = "GYRQ"
agreed_start = "YDKGSJ"
actual_start = "SJKGSJ"
suspended_since = "TGRQ"
due_area = "YKFMJ"
developed_area = "YJKFMJ"
total_investment = "ZTZ"
invested = "YTZ"
land_price = "CRJK"
idle_cause = "XZYY"

[redline]
path = "redline.gpkg"
layer = "redline"
[redline.fields]
id = "BSM"
name = "HXMC"
category = "HXLX"

[farmland]
path = "farmland.gpkg"
layer = "farmland"
[farmland.fields]
id = "JBNTTBBH"
category = "DLMC"

[buildings]
path = "buildings.gpkg"
layer = "buildings"
standard_factory = ["标准厂房"]
[buildings.fields]
id = "JZBH"
floors = "CS"
height = "GD"
kind = "JZLX"

[economics]
path = "economics.csv"
key = "enterprise"
share = "merge"
[economics.fields]
id = "QYDM"
year = "ND"
investment = "GDZCTZ"
output = "ZCZ"
revenue = "YYSR"
tax = "SS"
value_added = "ZJZ"
energy = "NH"
emissions = "PFL"
employees = "CYRS"
rd = "YFJF"
hitech_revenue = "GXSR"
leased_floor = "ZLMJ"

[intensity]
rules = ["kunming-2021", "national-control-2008", "yaan-2021"]
year = 2024
[intensity.levels]
"国家级" = "national"
"省级" = "provincial"

[approved]
path = "approved.gpkg"
layer = "approved"
[approved.fields]
id = "PCMC"
approval_no = "PZWH"
approval_date = "PZRQ"
area = "PZMJ"

[supplied]
path = "supplied.gpkg"
layer = "supplied"
[supplied.fields]
id = "DZBAH"
supply_date = "GYRQ"
method = "GYFS"
price = "CJJG"

[idle]
fee_rate = 0.2
government_causes = ["政府", "不可抗力"]

[unsupplied]
age_buckets = [2, 5]
area_tolerance_pct = 1.0
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of parcels (rounded to a grid nx × ny when N has no divisor near √N)")
    ap.add_argument("--out", help="output folder (default bench/data/N)")
    ap.add_argument("--seed", type=int, default=20260801)
    args = ap.parse_args()
    if args.n < 100:
        sys.exit("N must be at least 100")
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", str(args.n))
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    nx, ny = grid_shape(args.n)
    log(f"grid {nx} × {ny} = {nx * ny} parcels of ~{CELL:.0f} m, seed {args.seed}, into {out}")
    # one stream per layer, so changing one layer's drawing never moves another's
    streams = np.random.SeedSequence(args.seed).spawn(5)
    tiling = Tiling(np.random.default_rng(streams[0]), nx, ny)
    park_of, level_of = parks(tiling, out)
    blobs, cover = redline(np.random.default_rng(streams[1]), tiling, out, nx * ny)
    farms = farmland(np.random.default_rng(streams[2]), tiling, out, nx * ny)
    counts = parcels_and_rest(np.random.default_rng(streams[3]), tiling, out, park_of, level_of)
    with open(os.path.join(out, "audit.toml"), "w", encoding="utf-8") as fh:
        fh.write(AUDIT_TOML.format(n=nx * ny, seed=args.seed))
    with open(os.path.join(out, "MANIFEST.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"n={nx * ny}\nseed={args.seed}\ngrid={nx}x{ny}\nparks={len(level_of)}\nredline_blobs={blobs}\n"
                 f"redline_cover_pct={100 * cover:.2f}\nfarmland={farms}\n"
                 + "".join(f"{k}={v}\n" for k, v in counts.items()))
    log("done")


if __name__ == "__main__":
    main()

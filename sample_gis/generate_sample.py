#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Generate the landaudit sample data set (two fictional industrial parks near Kunming).

Run with the system Python that has Debian's GDAL bindings:

    /usr/bin/python3 sample_gis/generate_sample.py

The script is deterministic (fixed seed, fixed DBF/GPKG timestamps), idempotent
(it deletes and rewrites every output file) and uses no network.  All geometry
is built in EPSG:4522 (CGCS2000 3-degree Gauss-Kruger zone 34, zone-prefixed
easting) and then transformed to each layer's delivery CRS:

    parks.geojson   EPSG:4490  (GeoJSON, RFC7946=NO so the CRS member is kept)
    parcels.shp     EPSG:4522  (GBK/CP936 .dbf, no .cpg, LDID byte = 0)
    redline.gpkg    EPSG:4490  (layer "redline")
    farmland.shp    EPSG:4543  (no zone prefix; UTF-8 .dbf with .cpg)
    buildings.gpkg  EPSG:4522  (layer "buildings": footprints, floors, height, type)
    economics.csv   UTF-8 table keyed by enterprise id, years 2023 and 2024
    economics.xlsx  the same table, sheet "经济数据" (GDAL XLSX driver)
    approved.gpkg   EPSG:4522  (layer "approved": approval batches 批次)
    supplied.gpkg   EPSG:4522  (layer "supplied": supply records 供地)

The land-use intensity (亩均) data - the new parcel fields, buildings and
economics - come from a second random stream (seed + 2) drawn after all the
original layers are built, so the original features, ids and attributes are
exactly as before. The idle-land (闲置土地) and 批而未供 data - the parcel fields
GYRQ ... XZYY, approved.gpkg and supplied.gpkg - come from another stream of their
own (seed + 4), drawn after everything else, with the batches, supply dates and
special cases written out below (BATCHES, SUPPLIES, IDLE_CASES).

See README.md in this directory for what the data deliberately contains.
"""

import datetime
import math
import os
import random
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

# Fixed timestamps so repeated runs give identical files.
gdal.SetConfigOption("OGR_CURRENT_DATE", "2025-01-01T00:00:00.000Z")

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250101

OUTPUTS = [
    "parks.geojson",
    "parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg",
    "parcels.qix", "parcels.sbn", "parcels.sbx",
    "redline.gpkg", "redline.gpkg-wal", "redline.gpkg-shm", "redline.gpkg-journal",
    "farmland.shp", "farmland.shx", "farmland.dbf", "farmland.prj", "farmland.cpg",
    "farmland.qix",
    "buildings.gpkg", "buildings.gpkg-wal", "buildings.gpkg-shm", "buildings.gpkg-journal",
    "economics.csv", "economics.xlsx",
    "approved.gpkg", "approved.gpkg-wal", "approved.gpkg-shm", "approved.gpkg-journal",
    "supplied.gpkg", "supplied.gpkg-wal", "supplied.gpkg-shm", "supplied.gpkg-journal",
]


# ---------------------------------------------------------------- CRS helpers
def srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


SRS_4490 = srs(4490)   # CGCS2000 geographic (lon, lat with traditional order)
SRS_4522 = srs(4522)   # CGCS2000 3-degree GK zone 34, easting 34xxxxxxx
SRS_4543 = srs(4543)   # CGCS2000 3-degree GK CM 102E, easting 5xxxxx

CT_4490_4522 = osr.CoordinateTransformation(SRS_4490, SRS_4522)
CT_4522_4490 = osr.CoordinateTransformation(SRS_4522, SRS_4490)
CT_4522_4543 = osr.CoordinateTransformation(SRS_4522, SRS_4543)
CT_4543_4522 = osr.CoordinateTransformation(SRS_4543, SRS_4522)


# ----------------------------------------------------------- geometry helpers
def ring(coords):
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in coords:
        r.AddPoint_2D(float(x), float(y))
    if tuple(coords[0]) != tuple(coords[-1]):
        r.AddPoint_2D(float(coords[0][0]), float(coords[0][1]))
    return r


def polygon(*rings):
    g = ogr.Geometry(ogr.wkbPolygon)
    for rc in rings:
        g.AddGeometry(ring(rc))
    return g


def multipolygon(*polys):
    g = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        g.AddGeometry(p)
    return g


def offset(coords, cx, cy):
    return [(cx + x, cy + y) for x, y in coords]


def transformed(geom, ct):
    g = geom.Clone()
    g.Transform(ct)
    return g


def is_valid(g):
    """GEOS validity without the 'Self-intersection at ...' warning spam."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        return g.IsValid()
    finally:
        gdal.PopErrorHandler()


def overlap_area(a, b):
    """Area of a∩b (0 if they only touch); invalid inputs are repaired first."""
    if not is_valid(a):
        a = a.MakeValid()
    if not is_valid(b):
        b = b.MakeValid()
    if not a.Intersects(b):
        return 0.0
    return a.Intersection(b).GetArea()


# ------------------------------------------------------------------ the parks
def park_centre(lon, lat):
    x, y, _ = CT_4490_4522.TransformPoint(lon, lat)
    return round(x), round(y)


A_CX, A_CY = park_centre(102.80, 24.98)   # 昆明经济技术开发区(示例)
B_CX, B_CY = park_centre(102.45, 24.92)   # 安宁产业园区(示例)

# Park A: irregular outline ~3.25 km x 2.5 km with an excluded village enclave.
PARK_A_OUTER = [(-1600, -900), (-900, -1200), (200, -1150), (900, -1250),
                (1600, -800), (1500, 100), (1650, 700), (1100, 1200),
                (300, 1100), (-400, 1250), (-1200, 1000), (-1550, 300),
                (-1450, -300)]
PARK_A_HOLE = [(150, -150), (460, -120), (490, 130), (210, 190), (110, 30)]
# Park B: MultiPolygon - main area plus a detached eastern cluster (飞地片区).
PARK_B_MAIN = [(-1200, -700), (-300, -850), (600, -750), (1000, -300),
               (900, 400), (300, 750), (-500, 800), (-1100, 450),
               (-1300, -100)]
PARK_B_EAST = [(1400, -400), (2100, -450), (2200, 100), (1800, 350),
               (1400, 200)]

PARK_A = polygon(offset(PARK_A_OUTER, A_CX, A_CY), offset(PARK_A_HOLE, A_CX, A_CY))
PARK_B = multipolygon(polygon(offset(PARK_B_MAIN, B_CX, B_CY)),
                      polygon(offset(PARK_B_EAST, B_CX, B_CY)))

PARKS = [
    # YQDM, YQMC, YQJB, geometry (EPSG:4522)
    ("G530101", "昆明经济技术开发区(示例)", "国家级", PARK_A),
    ("S530181", "安宁产业园区(示例)", "省级", PARK_B),
]


# ------------------------------------------------------ red line and farmland
def corridor(points, half_width):
    line = ogr.Geometry(ogr.wkbLineString)
    for x, y in points:
        line.AddPoint_2D(float(x), float(y))
    g = line.Buffer(half_width, 4)
    # round to mm like every other delivered coordinate
    return polygon([(round(x, 3), round(y, 3))
                    for x, y, *_ in g.GetGeometryRef(0).GetPoints()])


REDLINE = [
    # BSM, HXMC, HXLX, geometry (EPSG:4522)
    ("530111HX0000001", "滇池流域水源涵养生态保护红线", "水源涵养",
     polygon(offset([(-2300, -1700), (-1100, -1600), (-800, -1000), (-900, -500),
                     (-1300, -200), (-2000, -400), (-2500, -1000)], A_CX, A_CY))),
    # Duplicated delivery of the same red line (from a later batch): overlaps
    # the eastern part of the first polygon and reaches further into park A.
    ("530111HX0000001B", "滇池流域水源涵养生态保护红线", "水源涵养",
     polygon(offset([(-1600, -1620), (-750, -1520), (-600, -1050), (-700, -700),
                     (-1250, -640), (-1700, -1050)], A_CX, A_CY))),
    ("530111HX0000002", "宝象河水土保持生态保护红线", "水土保持",
     corridor(offset([(-150, 1700), (-120, 1250), (-60, 900), (80, 620),
                      (300, 450), (700, 380)], A_CX, A_CY), 35.0)),
    ("530181HX0000001", "螳螂川水土保持生态保护红线", "水土保持",
     polygon(offset([(-1900, -300), (-1080, -420), (-900, 60), (-1100, 600),
                     (-1750, 520)], B_CX, B_CY))),
]
# Two red-line polygons well away from either park.
_x, _y = park_centre(102.62, 24.96)
REDLINE.append(("530112HX0000001", "西山生物多样性维护生态保护红线", "生物多样性维护",
                polygon(offset([(-900, -1500), (400, -1700), (1100, -300),
                                (800, 1400), (-300, 1700), (-1200, 300)], _x, _y))))
_x, _y = park_centre(102.90, 24.89)
REDLINE.append(("530114HX0000001", "梁王山水土保持生态保护红线", "水土保持",
                polygon(offset([(-700, -600), (600, -800), (900, 200), (0, 900),
                                (-800, 400)], _x, _y))))

FARMLAND = [
    # JBNTTBBH, DLMC, geometry (EPSG:4522); the edge-touching polygon is added later
    ("5301110021", "水浇地",
     polygon(offset([(900, 700), (1500, 650), (1900, 900), (1800, 1500),
                     (1200, 1600), (950, 1150)], A_CX, A_CY))),
    ("5301110022", "旱地",
     polygon(offset([(2000, -600), (2600, -500), (2700, 200), (2100, 100)],
                    A_CX, A_CY))),
    ("5301810105", "水田",
     polygon(offset([(200, -1200), (900, -1100), (1100, -500), (600, -380),
                     (150, -600)], B_CX, B_CY))),
    ("5301810106", "水田",
     polygon(offset([(1900, 0), (2500, -100), (2600, 600), (2000, 700)],
                    B_CX, B_CY))),
    ("5301810107", "旱地",
     polygon(offset([(-600, 1100), (200, 1050), (300, 1600), (-500, 1700)],
                    B_CX, B_CY))),
]
_x, _y = park_centre(102.60, 25.05)
FARMLAND.append(("5301120031", "水浇地",
                 polygon(offset([(-400, -300), (500, -350), (450, 400), (-350, 300)],
                                _x, _y))))


def roughen(geom, rng, step=40.0, amp=2.5):
    """Densify the (single-ring) outline and wiggle it a little, like a surveyed
    boundary; the original corner points are kept."""
    pts = [p[:2] for p in geom.GetGeometryRef(0).GetPoints()]
    out = []
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
        out.append((x0, y0))
        ln = math.hypot(x1 - x0, y1 - y0)
        n = int(math.ceil(ln / step))
        for k in range(1, n):
            t = k / n
            d = rng.uniform(-amp, amp)
            out.append((x0 + (x1 - x0) * t - (y1 - y0) / ln * d,
                        y0 + (y1 - y0) * t + (x1 - x0) / ln * d))
    return polygon([(round(x, 3), round(y, 3)) for x, y in out])


_rough_rng = random.Random(SEED + 1)
_admin_rng = random.Random(SEED + 3)
REDLINE = [(a, b, c, g if "宝象河" in b else roughen(g, _rough_rng)) for a, b, c, g in REDLINE]
FARMLAND = [(a, b, roughen(g, _rough_rng)) for a, b, g in FARMLAND]


# ---------------------------------------------------------- attribute pools
ZIHAO = ["滇鑫", "金碧", "云岭", "博远", "恒泰", "瑞丰", "华宇", "盛达", "天睿", "润泽",
         "嘉和", "宏图", "鼎盛", "力拓", "滇中", "春城", "彩云", "高原", "七彩", "新兴",
         "永昌", "祥云", "天成", "中和", "益康", "正源", "汇通", "明达", "聚能", "晶泰",
         "拓普", "联创", "合力", "金马", "碧鸡", "螺峰", "德胜", "万通", "沃森", "贝泰",
         "龙腾", "昊华", "锦程", "东陆", "南诏", "翠湖", "宝象", "澄江", "普洱", "石林"]
INDUSTRY = ["新材料", "生物医药", "机械制造", "电子科技", "食品", "化工", "冶金", "光电",
            "包装材料", "精密制造", "环保科技", "建材", "新能源", "汽车零部件", "医疗器械",
            "农产品加工", "装备制造", "信息技术", "铝业", "磷化工"]
LOGISTICS = ["物流", "仓储物流", "供应链管理", "冷链物流"]
COMMERCE = ["商贸", "酒店管理", "置业", "商业管理"]
PUBLIC_OWNERS = ["云南电网有限责任公司昆明供电局", "昆明经开区供排水有限公司",
                 "昆明市城市排水设施管理有限公司", "中国移动通信集团云南有限公司昆明分公司",
                 "昆明中石油昆仑燃气有限公司", "昆明市公安消防支队(示例)"]

LAND_USES = [  # TDYT, DLBM, weight
    ("工业用地", "0601", 0.72),
    ("仓储用地", "0604", 0.14),
    ("商服用地", "05H1", 0.07),
    ("公共设施用地", "0809", 0.07),
]

ROADS_A = ["经开路", "春漫大道", "林溪路", "鸣泉路", "洛羊路", "顺通大道", "普照路",
           "信息路", "大冲路", "兴滇路", "经景路", "牛街庄路"]
ROADS_B = ["麒麟路", "宁湖路", "昆钢大道", "工业园一路", "连然路", "金方路", "草铺路",
           "螳川路", "宁海路", "太平路"]


def company(rng, kind, place):
    zh = rng.choice(ZIHAO)
    suffix = rng.choices(["有限公司", "股份有限公司", "有限责任公司"], [0.75, 0.15, 0.10])[0]
    if kind == "工业用地":
        return f"{place}{zh}{rng.choice(INDUSTRY)}{suffix}"
    if kind == "仓储用地":
        return f"{place}{zh}{rng.choice(LOGISTICS)}{suffix}"
    if kind == "商服用地":
        return f"{place}{zh}{rng.choice(COMMERCE)}{suffix}"
    return rng.choice(PUBLIC_OWNERS)


# ---------------------------------------------------------- parcel layout
def gridlines(rng, lo, hi, step_lo, step_hi):
    lines = []
    v = lo
    while v < hi:
        lines.append((v, rng.choice([24.0, 30.0, 40.0])))   # (road centre, width)
        v += rng.uniform(step_lo, step_hi)
    lines.append((v, rng.choice([24.0, 30.0, 40.0])))
    return lines


def make_cells(rng, geom, margin=250.0):
    """Blocks between roads, each block split into 1-2 rows of parcels."""
    minx, maxx, miny, maxy = geom.GetEnvelope()
    xs = gridlines(rng, minx - margin, maxx + margin, 280, 420)
    ys = gridlines(rng, miny - margin, maxy + margin, 230, 360)
    cells = []
    block_no = 0
    for j in range(len(ys) - 1):
        for i in range(len(xs) - 1):
            block_no += 1
            if rng.random() < 0.12:          # undeveloped / green block
                continue
            bx0 = xs[i][0] + xs[i][1] / 2
            bx1 = xs[i + 1][0] - xs[i + 1][1] / 2
            by0 = ys[j][0] + ys[j][1] / 2
            by1 = ys[j + 1][0] - ys[j + 1][1] / 2
            h = by1 - by0
            if h > 200:
                ysplit = by0 + h * rng.uniform(0.4, 0.6)
                rows = [(by0, ysplit), (ysplit, by1)]
            else:
                rows = [(by0, by1)]
            for r, (ry0, ry1) in enumerate(rows):
                rh = ry1 - ry0
                maxw = min(250.0, 26000.0 / rh)
                x = bx0
                col = 0
                while bx1 - x > 1e-6:
                    remaining = bx1 - x
                    if remaining <= maxw:
                        w = remaining
                    else:
                        w = rng.uniform(45.0, min(maxw, remaining - 45.0))
                    sub = [(x, ry0, x + w, ry1)]
                    u = rng.random()
                    if u < 0.04 and w >= 60 and rh >= 60:       # four small lots
                        xm, ym = x + w / 2, ry0 + rh / 2
                        sub = [(x, ry0, xm, ym), (xm, ry0, x + w, ym),
                               (x, ym, xm, ry1), (xm, ym, x + w, ry1)]
                    elif u < 0.12 and w >= 70:                   # two half lots
                        xm = x + w / 2
                        sub = [(x, ry0, xm, ry1), (xm, ry0, x + w, ry1)]
                    for s in sub:
                        cells.append({"rect": s, "block": block_no, "row": (block_no, r),
                                      "col": col, "col_x": i})
                        col += 1
                    x += w
    return cells


def jitter_corners(rng, rect):
    x0, y0, x1, y1 = rect
    d = lambda: rng.uniform(0.5, 3.0)  # noqa: E731 - inset, always inward
    return [(x0 + d(), y0 + d()), (x1 - d(), y0 + d()),
            (x1 - d(), y1 - d()), (x0 + d(), y1 - d())]   # CCW: ll, lr, ur, ul


def lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def shape_ring(rng, rect, kind=None):
    """An outer ring strictly inside the cell rectangle (so parcels never overlap)."""
    c = jitter_corners(rng, rect)
    u = rng.random() if kind is None else {"quad": 0.0}[kind]
    k = rng.randrange(4)
    prev_, cur, next_ = c[k - 1], c[k], c[(k + 1) % 4]
    if u < 0.62:                                   # plain (jittered) quadrilateral
        pts = c
    elif u < 0.77:                                 # one corner cut off
        a, b = rng.uniform(0.1, 0.3), rng.uniform(0.1, 0.3)
        pts = c[:k] + [lerp(cur, prev_, a), lerp(cur, next_, b)] + c[k + 1:]
    elif u < 0.87:                                 # trapezoid
        pts = list(c)
        pts[k] = lerp(cur, next_, rng.uniform(0.08, 0.25))
    elif u < 0.95:                                 # kinked edge
        mx, my = lerp(cur, next_, rng.uniform(0.35, 0.65))
        dx, dy = next_[0] - cur[0], next_[1] - cur[1]
        ln = math.hypot(dx, dy)
        push = rng.uniform(2.0, min(8.0, ln / 8))
        pts = c[:k + 1] + [(mx - dy / ln * push, my + dx / ln * push)] + c[k + 1:]
    else:                                          # L-shape
        a, b = rng.uniform(0.25, 0.45), rng.uniform(0.25, 0.45)
        pa = lerp(cur, prev_, a)
        pb = lerp(cur, next_, b)
        inner = (pa[0] + pb[0] - cur[0], pa[1] + pb[1] - cur[1])
        pts = c[:k] + [pa, inner, pb] + c[k + 1:]
    return [(round(x, 3), round(y, 3)) for x, y in pts]


def classify(geom, park):
    """inside / straddle / outside / None (too close to the boundary to be clear-cut)."""
    boundary = park.GetBoundary()
    if park.Contains(geom) and geom.Distance(boundary) > 3.0:
        return "inside"
    if not geom.Intersects(park) and geom.Distance(park) > 3.0:
        return "outside"
    frac = geom.Intersection(park).GetArea() / geom.GetArea()
    if 0.15 <= frac <= 0.85:
        return "straddle"
    return None


def build_parcels(rng):
    parcels = []   # dicts: geom, park (index), cls, cell
    for p_idx, (code, _name, _lvl, park) in enumerate(PARKS):
        cells = make_cells(rng, park)
        by_cls = {"inside": [], "straddle": [], "outside": []}
        for cell in cells:
            g = polygon(shape_ring(rng, cell["rect"]))
            cls = classify(g, park)
            if cls:
                by_cls[cls].append(dict(geom=g, park=p_idx, cls=cls, cell=cell))
        parcels += by_cls["inside"]
        # a dozen or so straddlers, a few wholly outside (close to the park)
        strad = by_cls["straddle"]
        if p_idx == 0:
            hole_ring = polygon(offset(PARK_A_HOLE, A_CX, A_CY))
            at_hole = [s for s in strad if s["geom"].Intersects(hole_ring)]
            at_outer = [s for s in strad if not s["geom"].Intersects(hole_ring)]
            parcels += rng.sample(at_hole, 1) + rng.sample(at_outer, 6)
            in_hole = [s for s in by_cls["outside"] if hole_ring.Contains(s["geom"])]
            near = [s for s in by_cls["outside"]
                    if not hole_ring.Contains(s["geom"]) and s["geom"].Distance(park) < 200]
            parcels += rng.sample(in_hole, 1) + rng.sample(near, 3)
        else:
            parcels += rng.sample(strad, 6)
            near = [s for s in by_cls["outside"] if s["geom"].Distance(park) < 200]
            parcels += rng.sample(near, 3)
    return parcels


# ------------------------------------------------------------ special parcels
def add_specials(rng, parcels):
    inside_a = [p for p in parcels if p["park"] == 0 and p["cls"] == "inside"]
    inside_b = [p for p in parcels if p["park"] == 1 and p["cls"] == "inside"]
    red = [g for *_, g in REDLINE]
    farm = [g for *_, g in FARMLAND]

    def clear(p):   # not touching red line / farmland: keeps the special cases separate
        return all(not p["geom"].Intersects(g) for g in red + farm)

    # 1. parcel with a hole, and a small utility parcel sitting in that hole
    cands = [p for p in inside_a if clear(p)
             and p["cell"]["rect"][2] - p["cell"]["rect"][0] >= 120
             and p["cell"]["rect"][3] - p["cell"]["rect"][1] >= 100]
    p = rng.choice(cands)
    x0, y0, x1, y1 = p["cell"]["rect"]
    cx, cy = round((x0 + x1) / 2, 3), round((y0 + y1) / 2, 3)
    hole = [(cx - 18, cy - 15), (cx + 18, cy - 15), (cx + 18, cy + 15), (cx - 18, cy + 15)]
    p["geom"] = polygon(shape_ring(rng, p["cell"]["rect"], "quad"), hole)
    p["special"] = "hole"
    island = [(cx - 16.5, cy - 13.5), (cx + 16.5, cy - 13.5), (cx + 16.5, cy + 13.5),
              (cx - 16.5, cy + 13.5)]
    parcels.append(dict(geom=polygon(island), park=0, cls="inside", cell=p["cell"],
                        special="island", use=("公共设施用地", "0809"),
                        owner="云南电网有限责任公司昆明供电局"))

    # 2. MultiPolygon parcel: two lots of one owner in the same row of a block (park B)
    by_row = {}
    for q in inside_b:
        if clear(q) and "special" not in q:
            by_row.setdefault(q["cell"]["row"], {})[q["cell"]["col"]] = q
    pairs = [(r[c], r[c + 2]) for r in by_row.values() for c in sorted(r) if c + 2 in r]
    a, b = rng.choice(pairs)
    a["geom"] = multipolygon(a["geom"], b["geom"])
    a["special"] = "multipolygon"
    parcels.remove(b)

    # 3. invalid "bowtie" parcel (two vertices swapped when digitising), placed where
    #    it overlaps the red line so that repairing it matters
    cands = [q for q in inside_a if "special" not in q
             and overlap_area(q["geom"], red[0]) > 500
             and overlap_area(q["geom"], red[0]) < 0.9 * q["geom"].GetArea()]
    q = rng.choice(cands)
    ll, lr, ur, ul = jitter_corners(rng, q["cell"]["rect"])
    ur = lerp(ur, ul, 0.25)            # make it asymmetric so the signed area != 0
    ll, lr, ur, ul = [(round(x, 3), round(y, 3)) for x, y in (ll, lr, ur, ul)]
    q["intended"] = polygon([ll, lr, ur, ul])
    q["geom"] = polygon([ll, lr, ul, ur])
    q["special"] = "bowtie"

    # 4. farmland polygon sharing exactly one edge with a parcel outside park A.
    #    The shared vertices are chosen in EPSG:4543 (mm) and the parcel's
    #    vertices are their EPSG:4543 -> EPSG:4522 images, so re-projecting the
    #    farmland to EPSG:4522 reproduces the parcel edge bit for bit.
    outside_a = [q for q in parcels if q["park"] == 0 and q["cls"] == "outside"
                 and not polygon(offset(PARK_A_HOLE, A_CX, A_CY)).Contains(q["geom"])]
    t = min(outside_a, key=lambda q: q["geom"].GetEnvelope()[2])   # southernmost
    ll, lr, ur, ul = shape_ring(rng, t["cell"]["rect"], "quad")
    f_ll = tuple(round(v, 3) for v in CT_4522_4543.TransformPoint(*ll)[:2])
    f_lr = tuple(round(v, 3) for v in CT_4522_4543.TransformPoint(*lr)[:2])
    p_ll = CT_4543_4522.TransformPoint(*f_ll)[:2]
    p_lr = CT_4543_4522.TransformPoint(*f_lr)[:2]
    t["geom"] = polygon([p_ll, p_lr, ur, ul])
    t["special"] = "touches_farmland"
    farm_ring = [f_ll, (f_ll[0] - 45.0, f_ll[1] - 35.0), (f_ll[0] - 30.0, f_ll[1] - 190.0),
                 (f_lr[0] + 55.0, f_lr[1] - 175.0), (f_lr[0] + 60.0, f_lr[1] - 40.0), f_lr]
    touch_4543 = polygon(farm_ring)
    return t, touch_4543


# ------------------------------------------------------------------ writing
def remove_outputs():
    for name in OUTPUTS:
        path = os.path.join(HERE, name)
        if os.path.exists(path):
            os.remove(path)


def add_field(layer, name, ftype, width=0, precision=0):
    fd = ogr.FieldDefn(name, ftype)
    if width:
        fd.SetWidth(width)
    if precision:
        fd.SetPrecision(precision)
    layer.CreateField(fd)


def write_parks():
    drv = ogr.GetDriverByName("GeoJSON")
    ds = drv.CreateDataSource(os.path.join(HERE, "parks.geojson"))
    lyr = ds.CreateLayer("parks", SRS_4490, ogr.wkbUnknown, ["RFC7946=NO", "WRITE_BBOX=NO"])
    add_field(lyr, "YQDM", ogr.OFTString)
    add_field(lyr, "YQMC", ogr.OFTString)
    add_field(lyr, "YQJB", ogr.OFTString)
    add_field(lyr, "ZDCY", ogr.OFTString)
    for code, name, level, geom in PARKS:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("YQDM", code)
        f.SetField("YQMC", name)
        f.SetField("YQJB", level)
        f.SetField("ZDCY", PARK_LEAD[code])
        f.SetGeometry(transformed(geom, CT_4522_4490))
        lyr.CreateFeature(f)
    ds = None


def write_parcels(rows, folder=HERE, standard_land=True):
    drv = ogr.GetDriverByName("ESRI Shapefile")
    path = os.path.join(folder, "parcels.shp")
    ds = drv.CreateDataSource(path)
    lyr = ds.CreateLayer("parcels", SRS_4522, ogr.wkbPolygon,
                         ["ENCODING=CP936", "SHPT=POLYGON", "DBF_DATE_LAST_UPDATE=2025-01-01"])
    add_field(lyr, "ZDDM", ogr.OFTString, 19)
    add_field(lyr, "QLR", ogr.OFTString, 80)
    add_field(lyr, "TDYT", ogr.OFTString, 20)
    add_field(lyr, "DLBM", ogr.OFTString, 4)
    add_field(lyr, "ZDMJ", ogr.OFTReal, 15, 2)
    add_field(lyr, "ZL", ogr.OFTString, 120)
    # intensity (亩均) fields, appended after the original ones
    add_field(lyr, "HYDM", ogr.OFTString, 8)
    add_field(lyr, "QYDM", ogr.OFTString, 30)
    for k in ("JZMJ", "JZJDMJ", "DCMJ", "XZMJ"):
        add_field(lyr, k, ogr.OFTReal, 15, 2)
    # idle-land (闲置土地) fields, appended after the intensity ones
    add_field(lyr, "GYRQ", ogr.OFTDate)
    for k in ("YDKGSJ", "SJKGSJ", "TGRQ"):
        add_field(lyr, k, ogr.OFTString, 20)
    for k in ("YKFMJ", "YJKFMJ", "ZTZ", "YTZ", "CRJK"):
        add_field(lyr, k, ogr.OFTReal, 15, 2)
    add_field(lyr, "XZYY", ogr.OFTString, 60)
    # 标准地 (standard land) fields, appended after the idle-land ones (not in the earlier year)
    std_fields = STD_FIELDS if standard_land else []
    for k in std_fields:
        if k == "BZ_FHRQ":
            add_field(lyr, k, ogr.OFTDate)
        else:
            add_field(lyr, k, ogr.OFTReal, 15, 2)
    for r in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k in ("ZDDM", "QLR", "TDYT", "DLBM", "ZDMJ", "ZL"):
            f.SetField(k, r[k])
        for k in ("HYDM", "QYDM", "JZMJ", "JZJDMJ", "DCMJ", "XZMJ") + tuple(IDLE_FIELDS) + tuple(std_fields):
            if r.get(k) not in (None, ""):
                f.SetField(k, r[k])
        f.SetGeometry(r["geom"])
        lyr.CreateFeature(f)
    ds = None
    # GBK .dbf as many real deliveries come: no .cpg and no code page in the header.
    cpg = os.path.join(folder, "parcels.cpg")
    if os.path.exists(cpg):
        os.remove(cpg)
    with open(os.path.join(folder, "parcels.dbf"), "r+b") as fh:
        fh.seek(29)
        fh.write(b"\x00")


def write_redline():
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(os.path.join(HERE, "redline.gpkg"))
    lyr = ds.CreateLayer("redline", SRS_4490, ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    add_field(lyr, "BSM", ogr.OFTString, 18)
    add_field(lyr, "HXMC", ogr.OFTString, 60)
    add_field(lyr, "HXLX", ogr.OFTString, 20)
    for bsm, name, kind, geom in REDLINE:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("BSM", bsm)
        f.SetField("HXMC", name)
        f.SetField("HXLX", kind)
        f.SetGeometry(transformed(geom, CT_4522_4490))
        lyr.CreateFeature(f)
    ds = None


def write_farmland(rows):
    drv = ogr.GetDriverByName("ESRI Shapefile")
    ds = drv.CreateDataSource(os.path.join(HERE, "farmland.shp"))
    lyr = ds.CreateLayer("farmland", SRS_4543, ogr.wkbPolygon,
                         ["ENCODING=UTF-8", "SHPT=POLYGON", "DBF_DATE_LAST_UPDATE=2025-01-01"])
    add_field(lyr, "JBNTTBBH", ogr.OFTString, 12)
    add_field(lyr, "DLMC", ogr.OFTString, 20)
    add_field(lyr, "JBNTMJ", ogr.OFTReal, 15, 2)
    for code, kind, geom_4543 in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("JBNTTBBH", code)
        f.SetField("DLMC", kind)
        f.SetField("JBNTMJ", round(geom_4543.GetArea(), 2))
        f.SetGeometry(geom_4543)
        lyr.CreateFeature(f)
    ds = None


# ------------------------------------------------------ intensity data (亩均)
# Everything below draws from its own random stream (SEED + 2) after the original
# layers are complete, so parks, parcels, red line and farmland keep every feature,
# id and attribute they had before; the parcels only gain fields.
MU = 2000.0 / 3.0                 # m² per 亩, exactly
YEARS = (2023, 2024)
GRADED_YEAR = 2024
PARK_LEAD = {"G530101": "C39,C27", "S530181": "C30,C13"}   # 主导产业 (GB/T 4754-2017)
# GB/T 4754-2017 division for the industry word in a 工业用地 owner's name
INDUSTRY_CODE = {
    "新材料": "C30", "生物医药": "C27", "机械制造": "C34", "电子科技": "C39", "食品": "C14",
    "化工": "C26", "冶金": "C31", "光电": "C39", "包装材料": "C29", "精密制造": "C40",
    "环保科技": "C35", "建材": "C30", "新能源": "C38", "汽车零部件": "C36", "医疗器械": "C35",
    "农产品加工": "C13", "装备制造": "C34", "信息技术": "C39", "铝业": "C32", "磷化工": "C26",
}
STORAGE_CODE = "G59"              # 装卸搬运和仓储业, for 仓储用地 owners (logistics firms)
HITECH = {"C27", "C35", "C38", "C39", "C40"}
# Kunming 2021 (seed 000): 地均投资 / 地均产出 / 地均税收, 万元/亩, "以上" = inclusive
KUNMING = {0: {"inv": 350.0, "out": 500.0, "tax": 30.0},    # 国家级 (park index 0)
           1: {"inv": 250.0, "out": 350.0, "tax": 20.0}}    # 省级   (park index 1)
ENTRY_REV_MU = 100.0              # Ya'an-style entry threshold: 亩均营业收入 ≥ 100 万元/亩
ECON_FIELDS = ["QYDM", "ND", "GDZCTZ", "ZCZ", "YYSR", "SS", "ZJZ", "NH", "PFL", "CYRS",
               "YFJF", "GXSR", "ZLMJ"]
ECON_TEXT = {"QYDM", "GDZCTZ", "ZCZ", "SS"}   # columns holding some text -> text columns in XLSX
MULTI_TARGET = {0: (26.0, 29.5), 1: (42.0, 50.0)}   # % of standard-factory footprint, ≥ 2 floors
REV_GROWTH = {0: (0.075, 0.10), 1: (0.05, 0.065)}   # revenue 2023 -> 2024: A ~8.7 %, B ~5.7 %
HITECH_SHARE = {0: (0.5, 0.95), 1: (0.15, 0.45)}    # 高新技术 share of a C27/C35/C38/C39/C40 firm's revenue


def industry_code(owner):
    for word in sorted(INDUSTRY_CODE, key=len, reverse=True):
        if word in owner:
            return INDUSTRY_CODE[word]
    raise ValueError(owner)


_GEOS = []


def geos_area(geom):
    """Area as GEOS computes it (GEOSArea), which is what the engine uses."""
    import ctypes
    import ctypes.util
    if not _GEOS:
        lib = ctypes.CDLL(ctypes.util.find_library("geos_c") or "libgeos_c.so.1")
        lib.GEOS_init_r.restype = ctypes.c_void_p
        lib.GEOSWKBReader_create_r.restype = ctypes.c_void_p
        lib.GEOSWKBReader_create_r.argtypes = [ctypes.c_void_p]
        lib.GEOSWKBReader_read_r.restype = ctypes.c_void_p
        lib.GEOSWKBReader_read_r.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                                             ctypes.c_size_t]
        lib.GEOSArea_r.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)]
        lib.GEOSGeom_destroy_r.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        h = lib.GEOS_init_r()
        _GEOS.extend([lib, h, lib.GEOSWKBReader_create_r(h)])
    lib, h, reader = _GEOS
    wkb = bytes(geom.ExportToWkb())
    g = lib.GEOSWKBReader_read_r(h, reader, wkb, len(wkb))
    out = ctypes.c_double()
    lib.GEOSArea_r(h, g, ctypes.byref(out))
    lib.GEOSGeom_destroy_r(h, g)
    return out.value


def exact_amount(per_mu, area_m2):
    """Text of an amount whose per-mu value is exactly `per_mu` in double arithmetic when
    computed as amount / (area / (2000/3)) or amount * (2000/3) / area, and within 1e-12 of it
    however else the division is written; None if this parcel's area does not allow it."""
    base = per_mu * (area_m2 / MU)
    for a in sorted((base, math.nextafter(base, 0), math.nextafter(base, math.inf)),
                    key=lambda v: abs(v - base)):
        exact = (a / (area_m2 / MU), a * MU / area_m2)
        close = (a / area_m2 * MU, a * (MU / area_m2), a / (area_m2 * 3.0 / 2000.0),
                 a * 2000.0 / 3.0 / area_m2, a / (area_m2 / 10000.0) / 15.0)
        if all(v == per_mu for v in exact) and all(abs(v - per_mu) < 1e-12 for v in close):
            return repr(a)
    return None


def box(x0, y0, x1, y1):
    return polygon([(round(x0, 3), round(y0, 3)), (round(x1, 3), round(y0, 3)),
                    (round(x1, 3), round(y1, 3)), (round(x0, 3), round(y1, 3))])


def place_building(rng, geom, target, taken, setback=3.0, gap=6.0):
    """An axis-aligned footprint of about `target` m² inside `geom` (at least `setback` m from
    its boundary) and at least `gap` m from the footprints in `taken`."""
    minx, maxx, miny, maxy = geom.GetEnvelope()
    W, H = maxx - minx - 2 * setback, maxy - miny - 2 * setback
    for attempt in range(240):
        a = target * 0.85 ** (attempt // 30)
        asp = rng.uniform(1.2, 2.4)
        long_, short = math.sqrt(a * asp), math.sqrt(a / asp)
        w, h = (long_, short) if W >= H else (short, long_)
        w, h = min(w, W - 0.5), min(h, H - 0.5)
        if w < 8 or h < 8:
            continue
        x0 = rng.uniform(minx + setback, maxx - setback - w)
        y0 = rng.uniform(miny + setback, maxy - setback - h)
        if not geom.Contains(box(x0 - setback, y0 - setback, x0 + w + setback, y0 + h + setback)):
            continue
        grown = box(x0 - gap, y0 - gap, x0 + w + gap, y0 + h + gap)
        if any(grown.Intersects(t) for t in taken):
            continue
        return box(x0, y0, x0 + w, y0 + h)
    return None


def floors_for(rng, kind, dlbm, multi=False):
    """(CS, GD) for a new building."""
    if kind == "标准厂房":
        if multi:
            cs = rng.choice([2, 3, 3, 4])
            return cs, round(cs * rng.uniform(4.5, 5.5), 1)
        return 1, round(rng.uniform(6.0, 7.9), 1)
    if kind == "仓库":
        return 1, round(rng.uniform(6.0, 7.9), 1)
    if kind == "宿舍":
        cs = rng.randint(4, 6)
        return cs, round(cs * rng.uniform(2.9, 3.1), 1)
    cs = rng.randint(4, 12) if dlbm == "05H1" else rng.randint(2, 6)    # 办公楼
    return cs, round(cs * rng.uniform(3.4, 3.9), 1)


def areas_as_read(rows):
    """GEOS area of each parcel as a reader of parcels.shp sees it: the shapefile writer turns
    the outer rings clockwise, which changes the last bits of the area."""
    path = "/vsimem/landaudit_areas.shp"
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
    lyr = ds.CreateLayer("a", SRS_4522, ogr.wkbPolygon, ["SHPT=POLYGON"])
    for r in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(r["geom"])
        lyr.CreateFeature(f)
    ds = None
    ds = ogr.Open(path)
    out = []
    for f in ds.GetLayer():
        g = f.GetGeometryRef()
        out.append(geos_area(g if is_valid(g) else g.MakeValid()))
    ds = None
    ogr.GetDriverByName("ESRI Shapefile").DeleteDataSource(path)
    return out


def build_intensity(parcels, rows):
    """Adds the intensity fields to `rows` and returns (buildings, economics rows, cases)."""
    rng = random.Random(SEED + 2)
    for p, r, area in zip(parcels, rows, areas_as_read(rows)):
        r.update(park=p["park"], cls=p["cls"], special=p.get("special"), cell=p["cell"])
        r["vgeom"] = r["geom"] if is_valid(r["geom"]) else r["geom"].MakeValid()
        r["area"] = area      # planar area as GEOS (and the engine) compute it from the file
        r["HYDM"] = (industry_code(r["QLR"]) if r["DLBM"] == "0601"
                     else STORAGE_CODE if r["DLBM"] == "0604" else "")
        r["QYDM"], r["ents"] = "", []
        for k in ("JZMJ", "JZJDMJ", "DCMJ", "XZMJ"):
            r[k] = None

    # ---- enterprises: one per owner of 工业/仓储 land and park (E0001...), tenants E0901...
    ents, key_to_id = {}, {}
    for r in rows:
        if r["DLBM"] not in ("0601", "0604"):
            continue
        key = (r["park"], r["QLR"])
        if key not in key_to_id:
            eid = f"E{len(key_to_id) + 1:04d}"
            key_to_id[key] = eid
            ents[eid] = dict(id=eid, park=r["park"], rows=[], industry=r["HYDM"], share={})
        eid = key_to_id[key]
        r["QYDM"], r["ents"] = eid, [eid]
        ents[eid]["rows"].append(r)
    assert len(ents) < 900

    def plain(r):
        return r["cls"] == "inside" and r["special"] is None and r["DLBM"] == "0601"
    reserved = set()      # parcels already given a role

    def sole(park, extra=lambda r: True):
        """Plain single-parcel enterprises of a park not yet given a role."""
        return [e for e in ents.values() if e["park"] == park and len(e["rows"]) == 1
                and e["rows"][0]["ZDDM"] not in reserved and plain(e["rows"][0])
                and not e.get("tenant") and extra(e["rows"][0])]

    def take(es):
        for e in es:
            for r in e["rows"]:
                reserved.add(r["ZDDM"])
        return es

    # ---- parcels shared by two enterprises (owner + tenant), 2 in park A and 1 in park B
    shared = take(rng.sample(sole(0), 2) + rng.sample(sole(1), 1))
    for k, e in enumerate(shared):
        r = e["rows"][0]
        tid = f"E{901 + k:04d}"
        ents[tid] = dict(id=tid, park=e["park"], rows=[r], tenant=True, share={},
                         industry=rng.choice(sorted(set(INDUSTRY_CODE.values()))))
        r["QYDM"], r["ents"] = f"{e['id']},{tid}", [e["id"], tid]

    # ---- two neighbouring parcels in park A that one building straddles
    cells = {(r["cell"]["row"], r["cell"]["col"]): r for r in rows}
    pairs = []
    for (row, col), r1 in sorted(cells.items(), key=lambda kv: kv[1]["ZDDM"]):
        r2 = cells.get((row, col + 1))
        if not r2 or r1["park"] != 0 or not plain(r1) or not plain(r2):
            continue
        a, b = r1["cell"]["rect"], r2["cell"]["rect"]
        if r1["ZDDM"] in reserved or r2["ZDDM"] in reserved or r1["QYDM"] == r2["QYDM"]:
            continue
        if abs(a[2] - b[0]) < 1e-6 and a[1] == b[1] and a[3] == b[3] and \
                a[2] - a[0] >= 70 and b[2] - b[0] >= 70 and a[3] - a[1] >= 80:
            pairs.append((r1, r2))
    cross = rng.choice(pairs)
    cross_ids = {r["ZDDM"] for r in cross}
    reserved.update(cross_ids)

    # ---- floor area / footprint attributes on ~70 % of parcels; the rest get buildings
    for r in rows:
        if r["ZDDM"] in cross_ids:
            r["has_attr"] = False
        elif r["ZDDM"] in reserved or r["special"] == "bowtie":
            r["has_attr"] = True
        else:
            r["has_attr"] = rng.random() < 0.74
        a, use = r["area"], r["DLBM"]
        if use == "0601":
            cov = rng.uniform(0.18, 0.29) if rng.random() < 0.12 else rng.uniform(0.30, 0.58)
            far = max(cov * rng.uniform(1.05, 1.3), rng.uniform(0.45, 1.8))
        elif use == "0604":
            cov = rng.uniform(0.35, 0.60)
            far = cov * rng.uniform(1.0, 1.4)
        elif use == "05H1":
            cov = rng.uniform(0.25, 0.45)
            far = rng.uniform(1.5, 3.2)
        else:
            cov = rng.uniform(0.10, 0.30)
            far = cov * rng.uniform(1.0, 1.6)
        if r["has_attr"]:
            r["JZJDMJ"], r["JZMJ"] = round(cov * a, 2), round(far * a, 2)
        if (use == "0604" and rng.random() < 0.35) or \
                (use == "0601" and rng.random() < (0.4 if r["HYDM"] in ("C26", "C30", "C31", "C32") else 0.08)):
            r["DCMJ"] = round(a * rng.uniform(0.04, 0.15), 2)
        if (use == "0601" and rng.random() < 0.5) or (use == "0604" and rng.random() < 0.3):
            r["XZMJ"] = round(a * rng.uniform(0.015, 0.065), 2)
        elif use in ("0601", "0604"):
            # Land records of industrial and storage land carry the admin/living area (the national
            # control indicator needs it). Drawn from a stream of its own so that every other value of
            # the sample stays as it was.
            r["XZMJ"] = round(a * _admin_rng.uniform(0.015, 0.065), 2)
    # a few parcels whose admin/living area is over 7 % (national control indicator)
    admin_over = [e["rows"][0] for e in take(rng.sample(sole(0), 3) + rng.sample(sole(1), 2))]
    for r in admin_over:
        r["XZMJ"] = round(r["area"] * rng.uniform(0.08, 0.12), 2)
    # floor area of the shared parcels is split by the floor each enterprise uses (ZLMJ)
    for e in shared:
        r = e["rows"][0]
        own = round(r["JZMJ"] * rng.uniform(0.45, 0.7), 2)
        ents[r["ents"][0]]["share"][r["ZDDM"]] = own
        ents[r["ents"][1]]["share"][r["ZDDM"]] = round(r["JZMJ"] - own, 2)

    # ---- buildings
    buildings = []      # dicts: geom, kind, CS, GD, parcel (row), park

    def add_building(r, geom, kind, cs, gd):
        b = dict(geom=geom, kind=kind, CS=cs, GD=gd, parcel=r, park=r["park"])
        buildings.append(b)
        return b

    r1, r2 = cross
    xe = r1["cell"]["rect"][2]
    ry0, ry1 = r1["cell"]["rect"][1], r1["cell"]["rect"][3]
    cy, hh = (ry0 + ry1) / 2, min(40.0, 0.4 * (ry1 - ry0)) / 2
    crossing = add_building(r1, box(xe - 26.0, cy - hh, xe + 22.0, cy + hh), "标准厂房", 3, 13.5)
    crossing["special"] = "crossing"
    hits = [r["ZDDM"] for r in rows if overlap_area(r["vgeom"], crossing["geom"]) > 0]
    assert hits == [r1["ZDDM"], r2["ZDDM"]], hits

    extra = set(r["ZDDM"] for r in rng.sample(
        [r for r in rows if r["has_attr"] and plain(r) and r["ZDDM"] not in reserved], 8))
    multi_p = {0: 0.30, 1: 0.50}
    for r in rows:
        if r["has_attr"] and r["ZDDM"] not in extra:
            continue
        a, use = r["area"], r["DLBM"]
        specs = []   # (kind, target footprint)
        if use == "0601" and r["cls"] == "inside":
            cov = rng.uniform(0.30, 0.50)
            n = 1 if a < 6000 else (2 if a < 15000 else rng.choice([2, 3]))
            w = [rng.uniform(0.6, 1.4) for _ in range(n)]
            specs += [("标准厂房", cov * a * 0.85 * x / sum(w)) for x in w]
            if rng.random() < 0.7:
                specs.append(("办公楼", a * rng.uniform(0.03, 0.05)))
            if rng.random() < 0.3:
                specs.append(("宿舍", a * rng.uniform(0.02, 0.04)))
        elif use in ("0601", "0604"):
            cov = rng.uniform(0.30, 0.50)
            n = 1 if a < 8000 else 2
            specs += [("仓库", cov * a * 0.9 / n)] * n
            if rng.random() < 0.45:
                specs.append(("办公楼", a * rng.uniform(0.03, 0.05)))
        elif use == "05H1":
            n = rng.choice([1, 2])
            specs += [("办公楼", rng.uniform(0.2, 0.35) * a / n)] * n
        else:
            specs.append((rng.choice(["办公楼", "仓库"]), rng.uniform(0.08, 0.2) * a))
        taken = [b["geom"] for b in buildings if b["parcel"] is r
                 or (b["parcel"]["ZDDM"] in cross_ids and r["ZDDM"] in cross_ids)]
        n_here = 0
        for kind, target in specs:
            g = place_building(rng, r["vgeom"], target, taken)
            if g is None:
                continue
            taken.append(g)
            multi = kind == "标准厂房" and rng.random() < multi_p[r["park"]]
            add_building(r, g, kind, *floors_for(rng, kind, use, multi))
            n_here += 1
        assert n_here, r["ZDDM"]

    # ---- special buildings: tall single storeys, one exactly 8 m, one without floors/height
    def pick(kind, park, cond=lambda b: True):
        c = [b for b in buildings if b["kind"] == kind and b["park"] == park and "special" not in b
             and b["CS"] == 1 and b["parcel"]["ZDDM"] not in reserved and not b["parcel"]["has_attr"]
             and cond(b)]
        b = rng.choice(c)
        reserved.add(b["parcel"]["ZDDM"])
        return b
    tall_factory = pick("标准厂房", 0, lambda b: sum(x["parcel"] is b["parcel"] for x in buildings) == 1)
    tall_factory.update(GD=12.0, special="tall")
    tall_store = pick("仓库", 1, lambda b: b["parcel"]["cls"] == "inside")
    tall_store.update(GD=10.5, special="tall")
    eight = pick("标准厂房", 1)
    eight.update(GD=8.0, special="eight")
    nofloor = pick("仓库", 0, lambda b: b["parcel"]["DLBM"] == "0604"
                   and sum(x["parcel"] is b["parcel"] for x in buildings) >= 2)
    nofloor.update(CS=None, GD=None, special="nofloor")

    # ---- share of multi-storey standard factories per park, nudged into MULTI_TARGET
    def multi_pct(park):
        fs = [b for b in buildings if b["kind"] == "标准厂房" and b["park"] == park]
        tot = sum(b["geom"].GetArea() for b in fs)
        return 100.0 * sum(b["geom"].GetArea() for b in fs if b["CS"] and b["CS"] >= 2) / tot
    for park, (lo, hi) in MULTI_TARGET.items():
        while not lo <= multi_pct(park) <= hi:
            up = multi_pct(park) < lo
            flip = [b for b in buildings if b["kind"] == "标准厂房" and b["park"] == park
                    and "special" not in b and (b["CS"] == 1) == up]
            mid = (lo + hi) / 2

            def after(b):
                old = (b["CS"], b["GD"])
                b["CS"], b["GD"] = (2, 9.0) if up else (1, 7.0)
                v = multi_pct(park)
                b["CS"], b["GD"] = old
                return abs(v - mid)
            b = min(flip, key=after)
            b["CS"], b["GD"] = floors_for(rng, "标准厂房", "0601", up)

    # ---- building ids in parcel order
    order = {r["ZDDM"]: i for i, r in enumerate(rows)}
    buildings.sort(key=lambda b: (order[b["parcel"]["ZDDM"]], b["geom"].Centroid().GetX()))
    nseq = {}
    for b in buildings:
        code6 = b["parcel"]["ZDDM"][:6]
        nseq[code6] = nseq.get(code6, 0) + 1
        b["JZBH"] = f"{code6}JZ{nseq[code6]:05d}"

    # ---- enterprise land (m²): its parcels, shared ones split by ZLMJ / JZMJ
    for e in ents.values():
        e["land"] = sum(r["area"] * (e["share"][r["ZDDM"]] / r["JZMJ"] if r["ZDDM"] in e["share"] else 1.0)
                        for r in e["rows"])

    # ---- roles of enterprises in the economics table
    def at_threshold(park, key):
        def ok(r):
            return r["ZDMJ"] > r["area"] and exact_amount(KUNMING[park][key], r["area"]) is not None
        return take([rng.choice(sole(park, ok))])[0]
    role = {}
    role["thr_tax_A"] = at_threshold(0, "tax")
    role["thr_inv_B"] = at_threshold(1, "inv")
    role["grade_A_A"], role["exit_A1"], role["once23_A"] = take(rng.sample(sole(0), 3))
    multi2 = [e for e in ents.values() if e["park"] == 0 and len(e["rows"]) == 2
              and all(plain(r) and r["ZDDM"] not in reserved for r in e["rows"])]
    role["exit_A2"] = take([rng.choice(multi2)])[0]
    role["exit_B"], role["grade_B_B"], role["grade_C_B"], role["once24_B"] = take(rng.sample(sole(1), 4))
    norow = take(rng.sample(sole(0), 2) + rng.sample(sole(1), 2))
    role["dup"], role["unparsed"] = take(rng.sample(sole(0), 1) + rng.sample(sole(1), 1))
    for e in norow:
        e["norow"] = True

    # ---- figures
    def gen(e, fails=None, kind="normal"):
        T = KUNMING[e["park"]]
        mu = e["land"] / MU
        if fails is None:
            grade = rng.choices("ABCD", [0.35, 0.30, 0.20, 0.15])[0]
            fails = set(rng.sample(["inv", "out", "tax"], "ABCD".index(grade)))
        per = {k: T[k] * (rng.uniform(0.45, 0.92) if k in fails else rng.uniform(1.06, 2.0))
               for k in ("inv", "out", "tax")}
        per["rev"] = per["out"] * rng.uniform(0.92, 1.06)
        g = {k: rng.uniform(0.05, 0.10) for k in ("inv", "out", "rev", "tax", "va")}
        g["rev"] = rng.uniform(*REV_GROWTH[e["park"]])
        if kind == "exit":
            per["out"] = rng.uniform(60.0, 85.0)
            per["rev"] = per["out"] * rng.uniform(0.95, 1.05)
            per["tax"] = T["tax"] * rng.uniform(0.2, 0.5)
        elif kind == "once23":     # under the entry threshold in 2023 only
            per["rev"] = rng.uniform(104.0, 112.0)
            per["out"] = per["rev"] * rng.uniform(0.97, 1.03)
            g["rev"] = g["out"] = rng.uniform(0.15, 0.25)
        elif kind == "once24":     # under the entry threshold in 2024 only
            per["rev"] = rng.uniform(92.0, 96.0)
            per["out"] = per["rev"] * rng.uniform(0.97, 1.03)
            g["rev"] = g["out"] = rng.uniform(-0.14, -0.10)
        v24 = {k: round(per[k] * mu, 2) for k in ("inv", "out", "rev", "tax")}
        v24["va"] = round(v24["out"] * rng.uniform(0.22, 0.32), 2)
        v23 = {k: round(v24[k] / (1.0 + g[k]), 2) for k in v24}
        e23 = rng.uniform(0.15, 0.9)                      # tce per 万元 of value added
        e24 = e23 * (1.0 - rng.uniform(0.03, 0.06))       # falls 3-6 %
        emp24 = max(6, round(v24["va"] / rng.uniform(18.0, 40.0)))
        emp23 = max(6, round(emp24 / rng.uniform(1.0, 1.05)))
        pfl = rng.uniform(0.002, 0.02)
        rd = rng.uniform(0.008, 0.05) if e["industry"] in HITECH else rng.uniform(0.003, 0.02)
        hi = rng.uniform(*HITECH_SHARE[e["park"]]) if e["industry"] in HITECH else 0.0
        out = {}
        for year, v, eint, emp, pf in ((2023, v23, e23, emp23, pfl * rng.uniform(1.02, 1.08)),
                                       (2024, v24, e24, emp24, pfl)):
            out[year] = dict(GDZCTZ=v["inv"], ZCZ=v["out"], YYSR=v["rev"], SS=v["tax"], ZJZ=v["va"],
                             NH=round(eint * v["va"], 2), PFL=round(pf * v["va"], 2), CYRS=emp,
                             YFJF=round(rd * v["rev"], 2), GXSR=round(hi * v["rev"], 2),
                             ZLMJ=sum(e["share"].values()) if e["share"] else None)
        e["fig"] = out
        return out

    kinds = {"exit_A1": "exit", "exit_A2": "exit", "exit_B": "exit", "once23_A": "once23",
             "once24_B": "once24"}
    fails = {"thr_tax_A": set(), "thr_inv_B": set(), "grade_A_A": set(), "grade_B_B": {"tax"},
             "grade_C_B": {"out", "tax"}, "exit_A1": {"inv", "out", "tax"},
             "exit_A2": {"inv", "out", "tax"}, "exit_B": {"inv", "out", "tax"},
             "once23_A": {"inv", "tax"}, "once24_B": {"inv"}}
    by_role = {e["id"]: k for k, e in role.items()}
    for eid in sorted(ents):
        e = ents[eid]
        k = by_role.get(eid)
        gen(e, fails.get(k), kinds.get(k, "normal"))
    # the two parcels exactly at a threshold
    for k, col, key in (("thr_tax_A", "SS", "tax"), ("thr_inv_B", "GDZCTZ", "inv")):
        e = role[k]
        e["fig"][GRADED_YEAR][col] = exact_amount(KUNMING[e["park"]][key], e["rows"][0]["area"])

    # ---- rows of the table, then the deliberate oddities
    def fmt(v):
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        if isinstance(v, int):
            return str(v)
        return f"{v:.2f}"
    table = []
    for eid in sorted(ents):
        e = ents[eid]
        if e.get("norow"):
            continue
        for y in YEARS:
            row = {"QYDM": eid, "ND": y}
            row.update({k: fmt(v) for k, v in e["fig"][y].items()})
            table.append(row)
    find = {(t["QYDM"], t["ND"]): t for t in table}
    special_ids = {e["id"] for e in role.values()} | {e["id"] for e in norow} | \
        {i for e in shared for i in e["rows"][0]["ents"]}
    normal = [e for e in ents.values() if e["id"] not in special_ids and not e.get("norow")
              and not e.get("tenant")]

    # investment written as "0.35亿元" (= 3500 万元) where that keeps its pass/fail side
    def same_side(e):
        T = KUNMING[e["park"]]["inv"]
        old, new = e["fig"][2024]["GDZCTZ"] / (e["land"] / MU), 3500.0 / (e["land"] / MU)
        return (old >= T) == (new >= T) and abs(new / T - 1.0) > 0.05
    e = rng.choice([x for x in normal if same_side(x)])
    e["fig"][2024]["GDZCTZ"] = 3500.0
    find[(e["id"], 2024)]["GDZCTZ"] = "0.35亿元"
    find[(e["id"], 2023)]["GDZCTZ"] = fmt(round(3500.0 / rng.uniform(1.05, 1.10), 2))
    role["yi"] = e
    normal = [x for x in normal if x is not e]
    # thousands separators: output of five enterprises, investment of one more
    big = [x for x in normal if x["fig"][2024]["ZCZ"] >= 1000 and x["fig"][2024]["GDZCTZ"] >= 1000]
    sep = rng.sample(big, 6)
    for x, y in zip(sep, [2024, 2023, 2024, 2024, 2023, 2024]):
        col = "GDZCTZ" if x is sep[-1] else "ZCZ"
        find[(x["id"], y)][col] = f"{float(find[(x['id'], y)][col]):,.2f}"
    role["thousands"] = sep
    # tax not known yet
    find[(role["unparsed"]["id"], 2024)]["SS"] = "待核实"
    # an enterprise id that matches no parcel (moved away / typo in the statistics)
    ghost = dict(id="E9001", park=0, rows=[], land=10 * MU, industry="C34", share={})
    gen(ghost, set())
    for y in YEARS:
        row = {"QYDM": "E9001", "ND": y}
        row.update({k: fmt(v) for k, v in ghost["fig"][y].items()})
        table.append(row)
    # the same enterprise-year delivered twice (exact copy, appended at the end)
    table.append(dict(find[(role["dup"]["id"], 2024)]))

    cases = dict(ents=ents, role=role, norow=norow, shared=shared, cross=cross, crossing=crossing,
                 tall=[tall_factory, tall_store], eight=eight, nofloor=nofloor,
                 admin_over=admin_over, extra=sorted(extra), multi_pct={p: multi_pct(p) for p in (0, 1)})
    return buildings, table, cases


def write_buildings(buildings):
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(os.path.join(HERE, "buildings.gpkg"))
    lyr = ds.CreateLayer("buildings", SRS_4522, ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    add_field(lyr, "JZBH", ogr.OFTString, 16)
    add_field(lyr, "CS", ogr.OFTInteger)
    add_field(lyr, "GD", ogr.OFTReal)
    add_field(lyr, "JZLX", ogr.OFTString, 10)
    for b in buildings:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("JZBH", b["JZBH"])
        if b["CS"] is not None:
            f.SetField("CS", b["CS"])
        if b["GD"] is not None:
            f.SetField("GD", b["GD"])
        f.SetField("JZLX", b["kind"])
        f.SetGeometry(b["geom"])
        lyr.CreateFeature(f)
    ds = None


def write_economics(table):
    import csv
    with open(os.path.join(HERE, "economics.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(ECON_FIELDS)
        for t in table:
            w.writerow([t[k] for k in ECON_FIELDS])
    drv = ogr.GetDriverByName("XLSX")
    ds = drv.CreateDataSource(os.path.join(HERE, "economics.xlsx"))
    lyr = ds.CreateLayer("经济数据", None, ogr.wkbNone)
    for k in ECON_FIELDS:
        add_field(lyr, k, ogr.OFTString if k in ECON_TEXT else
                  ogr.OFTInteger if k in ("ND", "CYRS") else ogr.OFTReal)
    for t in table:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k in ECON_FIELDS:
            v = t[k]
            if v == "":
                continue
            f.SetField(k, v if k in ECON_TEXT else int(v) if k in ("ND", "CYRS") else float(v))
        lyr.CreateFeature(f)
    ds = None


# ------------------------------------ independent check of the intensity figures
def parse_amount(text):
    """万元 from a table cell: plain numbers, thousands separators, 万元/亿元 suffix; else None."""
    t = text.strip().replace(",", "")
    factor = 1.0
    for unit, f in (("亿元", 1e4), ("万元", 1.0), ("元", 1e-4)):
        if t.endswith(unit):
            t, factor = t[:-len(unit)], f
            break
    try:
        return float(t) * factor
    except ValueError:
        return None


def check_intensity(named):
    """Re-reads the written files and computes per-mu figures and Kunming grades from them
    alone (planar areas in EPSG:4522; an enterprise's figures spread over its land)."""
    import csv
    ds = gdal.OpenEx(os.path.join(HERE, "parcels.shp"), open_options=["ENCODING=CP936"])
    parcels = {}
    for f in ds.GetLayer():
        g = f.GetGeometryRef().Clone()
        if not is_valid(g):
            g = g.MakeValid()
        parcels[f["ZDDM"]] = dict(id=f["ZDDM"], geom=g, area=geos_area(g), dlbm=f["DLBM"],
                                  ents=[x for x in (f["QYDM"] or "").split(",") if x],
                                  jzmj=f["JZMJ"], zdmj=f["ZDMJ"], hydm=f["HYDM"] or "")
    ds = None
    parks = []
    ds = gdal.OpenEx(os.path.join(HERE, "parks.geojson"))
    for f in ds.GetLayer():
        parks.append((f["YQDM"], f["YQJB"], transformed(f.GetGeometryRef(), CT_4490_4522),
                      f["ZDCY"].split(",")))
    ds = None
    level = {"国家级": 0, "省级": 1}
    for p in parcels.values():
        best = max(((p["geom"].Intersection(g).GetArea(), i) for i, (_, _, g, _) in enumerate(parks)))
        p["park"] = best[1] if best[0] > 0 else None
    rows, seen, dups = {}, set(), []
    with open(os.path.join(HERE, "economics.csv"), encoding="utf-8", newline="") as fh:
        for t in csv.DictReader(fh):
            key = (t["QYDM"], int(t["ND"]))
            if key in seen:
                dups.append(key)
                continue
            seen.add(key)
            rows[key] = t
    # enterprise land
    land, share = {}, {}
    for p in parcels.values():
        if len(p["ents"]) == 1:
            share[(p["ents"][0], p["id"])] = 1.0
        elif p["ents"]:
            zl = {e: parse_amount(rows[(e, GRADED_YEAR)]["ZLMJ"]) for e in p["ents"]}
            for e in p["ents"]:
                share[(e, p["id"])] = zl[e] / sum(zl.values())
        for e in p["ents"]:
            land[e] = land.get(e, 0.0) + p["area"] * share[(e, p["id"])]
    cols = {"inv": "GDZCTZ", "out": "ZCZ", "rev": "YYSR", "tax": "SS", "va": "ZJZ", "energy": "NH",
            "hitech": "GXSR"}

    def per_mu(pid, year):
        p = parcels[pid]
        tot = {}
        for k, c in cols.items():
            s = 0.0
            for e in p["ents"]:
                t = rows.get((e, year))
                v = parse_amount(t[c]) if t else None
                if v is None:
                    s = None
                    break
                s += v * (p["area"] * share[(e, pid)] / land[e])   # weight 1.0 for a sole parcel
            tot[k] = None if s is None or not p["ents"] else s / (p["area"] / MU)
        return tot

    def grade(pid):
        p = parcels[pid]
        if p["park"] is None:
            return "NA"
        v = per_mu(pid, GRADED_YEAR)
        T = KUNMING[level[parks[p["park"]][1]]]
        if any(v[k] is None for k in ("inv", "out", "tax")):
            return "NA"
        return "ABCD"[sum(v[k] < T[k] for k in ("inv", "out", "tax"))]
    counts = {}
    for pid, p in parcels.items():
        if p["dlbm"] in ("0601", "0604") and p["park"] is not None:
            key = (parks[p["park"]][0], p["dlbm"])
            counts.setdefault(key, {}).setdefault(grade(pid), 0)
            counts[key][grade(pid)] += 1
    for (park, dlbm), c in sorted(counts.items()):
        print(f"  Kunming grades {park} {dlbm}: " + ", ".join(f"{g} {n}" for g, n in sorted(c.items())))
        if dlbm == "0601":
            assert all(g in c for g in "ABCD"), (park, c)
    for i, (code, _, _, lead) in enumerate(parks):
        rev = {}
        for p in parcels.values():
            v = per_mu(p["id"], GRADED_YEAR)["rev"] if p["park"] == i and p["ents"] else None
            if v is not None:
                k = "lead" if p["hydm"] in lead else "other"
                rev[k] = rev.get(k, 0.0) + v * p["area"] / MU
        print(f"  {code} revenue 2024 of parcels with HYDM in {lead}: {rev['lead']:,.0f} of "
              f"{rev['lead'] + rev['other']:,.0f} 万元 = {100 * rev['lead'] / (rev['lead'] + rev['other']):.1f} %")
    for i, (code, _, _, _) in enumerate(parks):
        for uses in (("0601",), ("0601", "0604")):
            tot = {}
            for p in parcels.values():
                if p["park"] != i or p["dlbm"] not in uses or not p["ents"]:
                    continue
                for y in YEARS:
                    v = per_mu(p["id"], y)
                    if any(v[k] is None for k in ("rev", "va", "energy", "hitech")):
                        continue
                    for k in ("rev", "va", "energy", "hitech"):
                        tot[(y, k)] = tot.get((y, k), 0.0) + v[k] * p["area"] / MU
            e23, e24 = (tot[(y, "energy")] / tot[(y, "va")] for y in YEARS)
            print(f"  {code} {'+'.join(uses)} (parcels with figures both years): revenue growth "
                  f"{100 * (tot[(2024, 'rev')] / tot[(2023, 'rev')] - 1):.2f} %, high-tech share 2024 "
                  f"{100 * tot[(2024, 'hitech')] / tot[(2024, 'rev')]:.2f} %, energy per value added "
                  f"{100 * (e23 - e24) / e23:.2f} % lower")
    exits = sorted({e for p in parcels.values() for e in p["ents"] if p["park"] is not None
                    and all((per_mu(p["id"], y)["rev"] or 1e9) < ENTRY_REV_MU for y in YEARS)})
    once = sorted({(e, y) for p in parcels.values() for e in p["ents"] for y in YEARS
                   if p["park"] is not None and e not in exits
                   and (per_mu(p["id"], y)["rev"] or 1e9) < ENTRY_REV_MU})
    print(f"  under the entry threshold both years: {exits}; one year only: {once}")
    for e in exits + [e for e, _ in once]:
        for p in parcels.values():
            if e in p["ents"]:
                print(f"    {e} {p['id']}: rev_mu 2023 {per_mu(p['id'], 2023)['rev']:.2f}, "
                      f"2024 {per_mu(p['id'], 2024)['rev']:.2f}, grade {grade(p['id'])}")
    print(f"  duplicate rows: {dups}; ids without parcel: "
          f"{sorted({e for e, _ in rows} - set(land))}; enterprises without rows: "
          f"{sorted(e for e in land if (e, GRADED_YEAR) not in rows)}")
    print("  expected per-mu figures (万元/亩, planar area in EPSG:4522, year 2024 unless noted):")
    print("  | parcel | park | enterprise | area m² | 亩 | inv_mu | out_mu | rev_mu 2023 | rev_mu 2024"
          " | tax_mu | Kunming grade |")
    table = []
    for pid in named:
        p = parcels[pid]
        v, v23 = per_mu(pid, GRADED_YEAR), per_mu(pid, 2023)
        line = (f"  | `{pid}` | {parks[p['park']][0]} | {','.join(p['ents'])} | {p['area']:,.2f} | "
                f"{p['area'] / MU:.4f} | {v['inv']:.2f} | {v['out']:.2f} | {v23['rev']:.2f} | "
                f"{v['rev']:.2f} | {v['tax']:.2f} | {grade(pid)} |")
        print(line)
        table.append((pid, v, grade(pid)))
    for pid in named:
        p = parcels[pid]
        v = per_mu(pid, GRADED_YEAR)
        print(f"  {pid} on ZDMJ {p['zdmj']:.2f} instead: " + ", ".join(
            f"{k}_mu {v[k] * p['area'] / p['zdmj']:.4f}" for k in ("inv", "out", "tax")))
    return table, parcels


def check_buildings(parcels, ids):
    """FAR of some parcels and multi-storey share per park, from buildings.gpkg alone."""
    ds = gdal.OpenEx(os.path.join(HERE, "buildings.gpkg"))
    blds = [dict(id=f["JZBH"], geom=f.GetGeometryRef().Clone(), cs=f["CS"], gd=f["GD"], kind=f["JZLX"])
            for f in ds.GetLayer()]
    ds = None
    ds = gdal.OpenEx(os.path.join(HERE, "parks.geojson"))
    parks = [(f["YQDM"], transformed(f.GetGeometryRef(), CT_4490_4522)) for f in ds.GetLayer()]
    ds = None
    for code, pg in parks:
        fs = [b for b in blds if b["kind"] == "标准厂房"]
        tot = sum(b["geom"].Intersection(pg).GetArea() for b in fs)
        mul = sum(b["geom"].Intersection(pg).GetArea() for b in fs if (b["cs"] or 0) >= 2)
        print(f"  multi-storey standard factories {code}: {mul:,.1f} / {tot:,.1f} m² = {100 * mul / tot:.2f} %")
    for pid in ids:
        p = parcels[pid]
        fl = fp = 0.0
        names = []
        for b in blds:
            a = b["geom"].Intersection(p["geom"]).GetArea() if b["geom"].Intersects(p["geom"]) else 0.0
            if a <= 0:
                continue
            fp += a
            names.append(b["id"])
            if b["cs"] is None:
                fl = None
            elif fl is not None:
                fl += a * b["cs"] * (2 if b["gd"] is not None and b["gd"] / b["cs"] > 8.0 else 1)
        far = "unknown" if fl is None else f"{fl:,.1f} m², FAR {fl / p['area']:.4f}"
        print(f"  {pid}: buildings {names}, footprint {fp:,.1f} m², floor area {far}")


def print_intensity(rows, buildings, econ, cases):
    role, ents = cases["role"], cases["ents"]

    def parcels_of(e):
        return ",".join(r["ZDDM"] for r in e["rows"])
    n_attr = sum(1 for r in rows if r["JZMJ"] is not None)
    print(f"intensity: JZMJ/JZJDMJ on {n_attr} of {len(rows)} parcels "
          f"({100 * n_attr / len(rows):.1f} %), DCMJ on {sum(r['DCMJ'] is not None for r in rows)}, "
          f"XZMJ on {sum(r['XZMJ'] is not None for r in rows)}")
    owners = [e for e in ents.values() if not e.get("tenant")]
    print(f"  enterprises: {len(owners)} owners + {len(ents) - len(owners)} tenants; "
          f"{sum(len(e['rows']) >= 2 for e in owners)} hold 2+ parcels; economics rows: {len(econ)}")
    print(f"  buildings: {len(buildings)}, kinds "
          f"{ {k: sum(b['kind'] == k for b in buildings) for k in ('标准厂房', '办公楼', '仓库', '宿舍')} }")
    print(f"  multi-storey standard factory share (by parcel's park): "
          f"A {cases['multi_pct'][0]:.2f} %, B {cases['multi_pct'][1]:.2f} %")
    c = cases["crossing"]
    print(f"  crossing building {c['JZBH']} over {[r['ZDDM'] for r in cases['cross']]}: "
          + ", ".join(f"{c['geom'].Intersection(r['vgeom']).GetArea():.1f} m²" for r in cases["cross"])
          + f" of {c['geom'].GetArea():.1f} m², CS {c['CS']}, GD {c['GD']}")
    for b in cases["tall"] + [cases["eight"], cases["nofloor"]]:
        print(f"  {b['special']}: {b['JZBH']} {b['kind']} CS {b['CS']} GD {b['GD']} "
              f"{b['geom'].GetArea():.1f} m² on {b['parcel']['ZDDM']}")
    print(f"  buildings on parcels that also have JZMJ: {cases['extra']}")
    for e in cases["shared"]:
        r = e["rows"][0]
        print(f"  shared parcel {r['ZDDM']} ({r['QYDM']}): JZMJ {r['JZMJ']:.2f}, ZLMJ "
              + ", ".join(f"{i} {ents[i]['share'][r['ZDDM']]:.2f}" for i in r["ents"]))
    for r in cases["admin_over"]:
        print(f"  admin over 7 %: {r['ZDDM']} XZMJ {r['XZMJ']:.2f} = {100 * r['XZMJ'] / r['area']:.2f} %")
    for k in ("thr_tax_A", "thr_inv_B", "grade_A_A", "grade_B_B", "grade_C_B", "exit_A1", "exit_A2",
              "exit_B", "once23_A", "once24_B", "dup", "unparsed", "yi"):
        e = role[k]
        print(f"  {k}: {e['id']} on {parcels_of(e)}")
    print(f"  thousands separators: {[e['id'] for e in role['thousands']]}")
    print(f"  no economics rows: {[(e['id'], parcels_of(e)) for e in cases['norow']]}")
    for k in ("thr_tax_A", "thr_inv_B"):
        r = role[k]["rows"][0]
        col = "SS" if k == "thr_tax_A" else "GDZCTZ"
        print(f"  {k}: {col} = {role[k]['fig'][GRADED_YEAR][col]} on GEOS area {r['area']!r} m² "
              f"(OGR area {r['geom'].GetArea()!r}, ZDMJ {r['ZDMJ']:.2f})")
    named = [role[k]["rows"][0]["ZDDM"] for k in ("grade_A_A", "thr_tax_A", "exit_A1", "thr_inv_B",
                                                   "grade_B_B", "grade_C_B")]
    table, parcels = check_intensity(named)
    intended = ["A", "A", "D", "A", "B", "C"]
    assert [g for _, _, g in table] == intended, table
    assert table[1][1]["tax"] == 30.0 and table[3][1]["inv"] == 250.0, table   # exactly, not ≈
    print(f"  at threshold: {table[1][0]} tax_mu == {table[1][1]['tax']!r}, "
          f"{table[3][0]} inv_mu == {table[3][1]['inv']!r}")
    check_buildings(parcels, [r["ZDDM"] for r in cases["cross"]]
                    + [b["parcel"]["ZDDM"] for b in cases["tall"] + [cases["eight"], cases["nofloor"]]])


# -------------------------------------------- idle land (闲置土地) and 批而未供
# Everything below draws from its own random stream (SEED + 4) after every other layer is built,
# so the earlier features, ids and values are exactly as before: the parcels only gain the idle
# fields, and two new layers are written (approval batches and supply records).
AS_OF = datetime.date(2025, 12, 31)     # [audit] as_of of audit.toml
IDLE_FIELDS = ["GYRQ", "YDKGSJ", "SJKGSJ", "TGRQ", "YKFMJ", "YJKFMJ", "ZTZ", "YTZ", "CRJK", "XZYY"]
GOV_CAUSES = ("政府", "不可抗力")        # [idle] government_causes (matched as substrings)
AGE_BUCKETS = (2, 5)                    # [unsupplied] age_buckets, years
# per 亩, 万元: land price (出让/划拨价款) and total investment excluding the land price
IDLE_RATES = {"0601": ((18.0, 35.0), (250.0, 600.0)), "0604": ((20.0, 40.0), (150.0, 350.0)),
              "05H1": ((120.0, 300.0), (400.0, 1200.0)), "0809": ((6.0, 15.0), (80.0, 250.0))}

# Approval batches (批次). Corners in metres relative to the park centre (on roads, or on a lot
# edge given as ("x"|"y", parcel, index into its cell rectangle)); `cells` = exactly the lots of
# these parcels. park 0 = G530101 (官渡区 530111), 1 = S530181 (安宁市 530181).
BATCHES = [
    # key, park, PCMC, PZWH, PZRQ, outline
    ("A1", 0, "官渡区2017年第3批次城市建设用地", "云政复〔2017〕58号", "2017-05-18",
     [(-471, -973), (300, -973), (300, ("y", "530111001031GB00001", 3)),
      (199, ("y", "530111001031GB00001", 3)), (199, -616), (-471, -616)]),
    ("A2", 0, "官渡区2020年第12批次城市建设用地", "云政复〔2020〕211号", "2020-12-31",
     [(300, -973), (847, -973), (847, -616), (199, -616), (199, ("y", "530111001031GB00001", 3)),
      (300, ("y", "530111001031GB00001", 3))]),
    ("A3", 0, "官渡区2021年第8批次城市建设用地", "云政复〔2021〕146号", "2021-07-16",
     [(199, -616), (847, -616), (847, -370), (199, -370)]),
    ("A4", 0, "官渡区2023年第15批次城市建设用地", "云政复〔2023〕302号", "2023-12-31",
     {"cells": ["530111001104GB00001", "530111001104GB00002"]}),
    ("A5", 0, "官渡区2024年第9批次城市建设用地", "云政复〔2024〕187号", "2024-09-20",
     [(("x", "530111001058GB00008", 0), -19), (("x", "530111001058GB00008", 0), ("y", "530111001058GB00008", 1)),
      (1540, ("y", "530111001058GB00008", 1)), (1540, -370), (1900, -370), (1900, -19)]),
    ("A6", 0, "官渡区2021年第4批次城市建设用地", "云政复〔2021〕67号", "2021-04-09",
     [(-1185, 264), (-471, 264), (-471, 568), (-1185, 568)]),
    ("B1", 1, "安宁市2015年第2批次城市建设用地", "云政复〔2015〕203号", "2015-11-06",
     [(-372, -288), (671, -288), (671, 16), (-372, 16)]),
    ("B2", 1, "安宁市2022年第5批次城市建设用地", "云政复〔2022〕49号", "2022-03-18",
     [(-742, 16), (-372, 16), (-372, 625), (-742, 625)]),
    ("B3", 1, "安宁市2025年第2批次城市建设用地", "云政复〔2025〕38号", "2025-03-26",
     [(-372, 625), (268, 625), (268, 900), (-372, 900)]),
    ("B4", 1, "安宁市2019年第6批次城市建设用地", "云政复〔2019〕121号", "2019-07-12",
     [(-742, -617), (-20, -617), (-20, -288), (-742, -288)]),
]
AREA_MISMATCH = {"B1": 1.05}            # PZMJ = polygon area x 1.05; the others within ±0.4 %

# Supply records (供地). Parcels (ZDDM suffix after the park's 12-digit prefix), date, polygon:
# "parcel" = the parcel's own outline (one parcel), "cells" = the rectangle of the parcels' lots.
# 供地方式: 划拨 for 公共设施 land, 租赁 where named, else 出让.
_PA, _PB = "530111001", "530181002"
SUPPLIES = [
    # A1 (2017): block 30; block 29 (empty) stays unsupplied
    ([_PA + "030GB00001"], "2017-09-12", "parcel", None),
    ([_PA + "030GB00002", _PA + "030GB00004", _PA + "030GB00005"], "2017-11-20", "cells", None),
    ([_PA + "030GB00003"], "2018-04-16", "parcel", None),
    ([_PA + "030GB00006"], "2018-08-08", "parcel", None),
    ([_PA + "031GB00001"], "2021-06-18", "parcel", "straddle"),     # 74 % in A1, 26 % in A2
    # A2 (2020-12-31): block 31 (rest) and 32; 032GB00001 not supplied
    ([_PA + "031GB00002"], "2021-03-19", "parcel", None),
    ([_PA + "031GB00003"], "2022-02-25", "parcel", None),
    ([_PA + "031GB00004"], "2021-08-06", "parcel", None),
    ([_PA + "032GB00002", _PA + "032GB00004"], "2021-05-14", "cells", None),
    ([_PA + "032GB00005", _PA + "032GB00006", _PA + "032GB00008", _PA + "032GB00009"], "2021-09-27",
     "cells", None),
    ([_PA + "032GB00005", _PA + "032GB00006", _PA + "032GB00008", _PA + "032GB00009"], "2021-09-27",
     "envelope", "redelivered"),        # the same land delivered again, redrawn around the parcels
    ([_PA + "032GB00003"], "2021-11-03", "parcel", None),
    ([_PA + "032GB00007"], "2022-04-22", "parcel", None),
    # A3 (2021): block 44; block 43 (empty) stays unsupplied
    ([_PA + "044GB00002", _PA + "044GB00004"], "2021-10-15", "cells", None),
    ([_PA + "044GB00001"], "2021-11-26", "parcel", None),
    ([_PA + "044GB00003"], "2022-01-14", "parcel", None),
    ([_PA + "044GB00005"], "2022-03-30", "parcel", None),
    # A4 (2023-12-31): fully supplied, the two lots exactly
    ([_PA + "104GB00001"], "2024-03-15", "cells", None),
    ([_PA + "104GB00002"], "2024-05-20", "cells", None),
    # A5 (2024): one supply, and one dated after as_of
    ([_PA + "058GB00008"], "2025-02-14", "parcel", None),
    (["530111001059GB00001"], "2026-03-01", "parcel", "future"),
    # B1 (2015): blocks 41, 42; block 40 (empty) and 042GB00002 unsupplied
    ([_PB + "041GB00003", _PB + "041GB00007"], "2016-05-20", "cells", None),
    ([_PB + "041GB00001", _PB + "041GB00002", _PB + "041GB00004", _PB + "041GB00005", _PB + "041GB00006"],
     "2017-03-10", "cells", None),
    ([_PB + "042GB00004"], "2016-09-23", "parcel", None),
    ([_PB + "042GB00007"], "2018-01-12", "parcel", "租赁"),
    ([_PB + "042GB00008"], "2017-06-16", "parcel", None),
    ([_PB + "042GB00001", _PB + "042GB00003", _PB + "042GB00005"], "2017-11-24", "cells", None),
    ([_PB + "042GB00006", _PB + "042GB00009"], "2018-04-27", "cells", None),
    # B2 (2022): block 63; block 51 (empty) unsupplied
    ([_PB + "063GB00002", _PB + "063GB00005"], "2022-06-10", "cells", None),
    ([_PB + "063GB00007"], "2022-07-22", "parcel", None),
    ([_PB + "063GB00001"], "2022-09-09", "parcel", None),
    ([_PB + "063GB00003"], "2022-09-29", "parcel", None),
    ([_PB + "063GB00004"], "2022-11-11", "parcel", None),
    ([_PB + "063GB00006"], "2022-12-20", "parcel", None),
    # B3 (2025): block 76 and land north of the park; 076GB00002 not supplied
    ([_PB + "076GB00001"], "2025-07-08", "parcel", None),
    # B4 (2019): blocks 27, 28
    ([_PB + "027GB00001"], "2019-10-18", "parcel", None),
    ([_PB + "027GB00003", _PB + "027GB00006"], "2019-12-06", "cells", None),
    ([_PB + "027GB00002", _PB + "027GB00004", _PB + "027GB00005"], "2020-03-27", "cells", None),
    ([_PB + "028GB00002"], "2020-05-15", "parcel", None),
    ([_PB + "028GB00004"], "2020-06-19", "parcel", None),
    ([_PB + "028GB00006"], "2020-08-21", "parcel", None),
    ([_PB + "028GB00001", _PB + "028GB00003", _PB + "028GB00005"], "2020-10-30", "cells", None),
    # outside every batch: supplied without an approval on record
    ([_PB + "054GB00003", _PB + "054GB00006"], "2020-07-17", "cells", "no_batch"),
]

# Parcels with a designed idle status. Dates: (ISO date, style) with style iso "2019-03-05",
# slash "2019/3/5", compact "20190305", cn "2019年3月5日"; or plain text. dev / inv: developed
# area / due area and invested / total investment. GYRQ comes from the supply record when the
# parcel has one. Every other parcel is started and not suspended (not_idle).
IDLE_CASES = [
    # ---- G530101
    dict(id=_PA + "104GB00001", status="idle_1y", agreed=("2024-12-31", "compact"), cause="企业资金不足",
         why="agreed start 2024-12-31, not started: exactly one full year at as_of"),
    dict(id=_PA + "104GB00002", status="not_idle", agreed=("2025-01-01", "iso"),
         why="agreed start 2025-01-01, not started: one day short of a full year"),
    dict(id=_PA + "065GB00002", status="idle_1y", gyrq="2023-06-30", agreed=("2024-06-30", "slash"),
         why="not started, agreed start 2024-06-30"),
    dict(id=_PA + "045GB00002", status="idle_1y", gyrq="2023-09-15", agreed=("2024-09-15", "compact"),
         cause="企业资金不足", why="not started, agreed start 2024-09-15"),
    dict(id=_PA + "056GB00001", status="idle_2y", gyrq="2020-03-02", agreed=("2021-03-01", "iso"),
         cause="企业资金不足", why="not started, agreed start 2021-03-01"),
    dict(id=_PA + "079GB00003", status="idle_2y", gyrq="2021-05-10", agreed=("2022-05-10", "cn"),
         why="not started, agreed start 2022-05-10"),
    dict(id=_PA + "082GB00003", status="idle_2y", gyrq="2019-06-20", agreed=("2020-06-20", "iso"),
         cause="企业资金不足", why="not started, agreed start 2020-06-20 (E0167, no economics rows)"),
    dict(id=_PA + "030GB00006", status="gov_delay", agreed=("2019-08-08", "cn"), cause="因政府规划调整，未按期交地",
         why="not started, agreed start 2019-08-08 (idle over 2 years), cause contains 政府"),
    dict(id=_PA + "058GB00007", status="gov_delay", gyrq="2023-04-15", agreed=("2024-04-15", "iso"),
         cause="不可抗力(地质灾害)", why="not started, agreed start 2024-04-15 (idle 1 year), force majeure"),
    dict(id=_PA + "031GB00003", status="suspect", agreed=("2022-08-25", "iso"), start=("2022-09-16", "slash"),
         suspended=("2023-10-08", "iso"), dev=0.25, inv=0.40, cause="企业资金不足，停工",
         why="suspended since 2023-10-08, developed 25 % (< 1/3), invested 40 %"),
    dict(id=_PA + "077GB00004", status="suspect", gyrq="2019-04-12", agreed=("2019-10-12", "iso"),
         start=("2020-03-02", "iso"), suspended=("2023-06-30", "iso"), dev=0.60, inv=0.18,
         why="suspended since 2023-06-30, developed 60 %, invested 18 % (< 25 %)"),
    dict(id=_PA + "054GB00003", status="suspect", gyrq="2020-05-08", agreed=("2020-11-08", "iso"),
         start=("2021-04-06", "iso"), suspended=("2024-03-01", "cn"), dev=0.15, inv=0.10,
         cause="企业资金不足，停工",
         why="suspended since 2024-03-01, developed 15 %, invested 10 % (E0098, no economics rows)"),
    dict(id=_PA + "068GB00001", status="not_idle", gyrq="2019-09-06", agreed=("2020-03-06", "iso"),
         start=("2020-05-18", "iso"), suspended=("2023-11-20", "iso"), dev=0.50, total=6400.0, invested=1600.0,
         why="suspended over a year, but developed 50 % and invested exactly 25 % (1,600 of 6,400 万元): "
             "neither test is below its threshold"),
    dict(id=_PA + "092GB00003", status="not_idle", gyrq="2022-04-01", agreed=("2022-10-01", "iso"),
         start=("2022-11-15", "iso"), suspended=("2025-01-01", "iso"), dev=0.20, inv=0.15,
         why="developed 20 %, invested 15 %, but suspended since 2025-01-01: one day short of a year"),
    dict(id=_PA + "017GB00001", status="unknown", gyrq="2022-07-08", agreed="待定",
         why="not started, agreed start 待定 (not a date)"),
    dict(id=_PA + "066GB00003", status="unknown", gyrq="2021-12-03", agreed="",
         why="not started, agreed start missing"),
    dict(id=_PA + "032GB00001", status="not_supplied", gyrq=None, why="GYRQ empty (inside batch A2, no supply)"),
    dict(id=_PA + "087GB00006", status="not_supplied", gyrq=None, why="GYRQ empty"),
    dict(id="530111001059GB00001", status="not_supplied", agreed=("2026-09-01", "iso"),
         why="GYRQ 2026-03-01, after as_of (its supply record is excluded too); outside the park"),
    # ---- S530181
    dict(id=_PB + "063GB00006", status="idle_2y", agreed=("2023-12-31", "cn"), cause="企业资金不足",
         why="agreed start 2023-12-31, not started: exactly two full years"),
    dict(id=_PB + "063GB00003", status="idle_1y", agreed=("2024-02-29", "slash"),
         why="agreed start 2024-02-29 (leap day), not started: one full year (2025-02-28), not two"),
    dict(id=_PB + "054GB00006", status="idle_1y", agreed=("2024-06-30", "iso"), cause="市场变化，企业调整投资计划",
         why="not started, agreed start 2024-06-30 (after an extension); its supply has no batch"),
    dict(id=_PB + "050GB00001", status="idle_1y", gyrq="2023-08-01", agreed=("2024-08-01", "compact"),
         why="not started, agreed start 2024-08-01 (E0275, no economics rows)"),
    dict(id=_PB + "028GB00006", status="idle_2y", agreed=("2021-02-21", "compact"), cause="企业资金不足",
         why="not started, agreed start 2021-02-21"),
    dict(id=_PB + "062GB00003", status="idle_2y", gyrq="2018-11-20", agreed=("2019-05-20", "slash"),
         cause="企业资金不足", why="not started, agreed start 2019-05-20"),
    dict(id=_PB + "028GB00002", status="gov_delay", agreed=("2021-05-15", "iso"), cause="不可抗力(地质灾害)",
         why="not started, agreed start 2021-05-15 (idle over 2 years), force majeure"),
    dict(id=_PB + "045GB00004", status="gov_delay", gyrq="2023-03-01", agreed=("2024-03-01", "iso"),
         cause="因政府规划调整(道路红线调整)", why="not started, agreed start 2024-03-01 (idle 1 year), cause contains 政府"),
    dict(id=_PB + "063GB00001", status="suspect", agreed=("2023-03-09", "iso"), start=("2023-03-10", "cn"),
         suspended=("2024-12-31", "iso"), dev=0.20, inv=0.15, cause="市场变化，企业停工",
         why="suspended since 2024-12-31 (exactly one year), developed 20 %, invested 15 %"),
    dict(id=_PB + "027GB00006", status="suspect", agreed=("2020-06-06", "iso"), start=("2020-09-01", "iso"),
         suspended=("2023-08-15", "slash"), dev=0.40, inv=0.20,
         why="suspended since 2023-08-15, developed 40 %, invested 20 % (< 25 %)"),
    dict(id=_PB + "030GB00008", status="not_idle", gyrq="2018-05-25", agreed=("2018-11-25", "iso"),
         start=("2019-01-10", "iso"), suspended=("2024-03-01", "iso"), dev=0.80, inv=0.60,
         why="suspended over a year, but developed 80 % and invested 60 %"),
    dict(id=_PB + "028GB00003", status="unknown", agreed="",
         why="not started, agreed start missing (E0232, no economics rows)"),
    dict(id=_PB + "031GB00001", status="unknown", gyrq="2021-09-17", agreed="",
         why="not started, agreed start missing"),
    dict(id=_PB + "042GB00002", status="not_supplied", gyrq=None, why="GYRQ empty (inside batch B1, no supply)"),
    dict(id=_PB + "076GB00002", status="not_supplied", gyrq=None, why="GYRQ empty (inside batch B3, no supply)"),
    dict(id=_PB + "039GB00003", status="not_supplied", gyrq=None, why="GYRQ empty"),
]


def add_years(d, n):
    """`n` calendar years after `d`; 29 February goes to 28 February in a common year."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def full_years(a, b):
    """Largest n with add_years(a, n) <= b (0 when b < a)."""
    if b < a:
        return 0
    n = b.year - a.year
    while n > 0 and add_years(a, n) > b:
        n -= 1
    return n


def date_text(d, style):
    d = datetime.date.fromisoformat(d) if isinstance(d, str) else d
    return {"iso": d.isoformat(), "slash": f"{d.year}/{d.month}/{d.day}", "compact": d.strftime("%Y%m%d"),
            "cn": f"{d.year}年{d.month}月{d.day}日"}[style]


def parse_date_text(text):
    """The four forms above; None for anything else (empty, 待定, impossible dates)."""
    import re
    t = (text or "").strip()
    for pat in (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{4})/(\d{1,2})/(\d{1,2})", r"(\d{4})(\d{2})(\d{2})",
                r"(\d{4})年(\d{1,2})月(\d{1,2})日"):
        m = re.fullmatch(pat, t)
        if m:
            try:
                return datetime.date(*map(int, m.groups()))
            except ValueError:
                return None
    return None


def quiet_overlap(a, b):
    """overlap_area without GDAL's warning when the intersection is only a shared edge."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        return overlap_area(a, b)
    finally:
        gdal.PopErrorHandler()


def _rect_of_cells(by_id, ids):
    """Rectangle of the lots of `ids` (mm), asserting the lots tile it exactly."""
    rects = [tuple(round(v, 3) for v in by_id[i]["cell"]["rect"]) for i in ids]
    x0, y0 = min(r[0] for r in rects), min(r[1] for r in rects)
    x1, y1 = max(r[2] for r in rects), max(r[3] for r in rects)
    assert abs(sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) - (x1 - x0) * (y1 - y0)) < 1e-3, ids
    return box(x0, y0, x1, y1)


def build_supply(rows):
    """Adds the idle fields to `rows` and returns (batches, supplies, cases)."""
    rng = random.Random(SEED + 4)
    by_id = {r["ZDDM"]: r for r in rows}
    centre = {0: (A_CX, A_CY), 1: (B_CX, B_CY)}

    # ---- batches
    def coord(v, axis, park):
        if isinstance(v, tuple):
            _, pid, k = v
            return round(by_id[pid]["cell"]["rect"][k], 3)
        return round(v + centre[park][axis], 3)
    batches = []
    for key, park, name, no, date, outline in BATCHES:
        if isinstance(outline, dict):
            geom = _rect_of_cells(by_id, outline["cells"])
        else:
            geom = polygon([(coord(x, 0, park), coord(y, 1, park)) for x, y in outline])
        assert is_valid(geom), key
        area = geom.GetArea()
        factor = AREA_MISMATCH.get(key, 1.0 + rng.uniform(-0.004, 0.004))
        batches.append(dict(key=key, park=park, PCMC=name, PZWH=no, PZRQ=date, geom=geom,
                            PZMJ=round(area * factor, 2)))
    for i, a in enumerate(batches):
        for b in batches[i + 1:]:
            assert quiet_overlap(a["geom"], b["geom"]) == 0.0, (a["key"], b["key"])
    red = [g for *_, g in REDLINE] + [g for *_, g in FARMLAND]
    for b in batches:
        assert all(quiet_overlap(b["geom"], g) == 0.0 for g in red), b["key"]

    # ---- per-parcel values, one draw pattern per parcel (row order)
    first, last = datetime.date(2004, 1, 1), datetime.date(2021, 6, 30)
    for r in rows:
        u = [rng.random() for _ in range(10)]
        price_rate, inv_rate = IDLE_RATES[r["DLBM"]]
        mu = r["ZDMJ"] / MU
        r["_draw"] = u
        r["_gyrq"] = first + datetime.timedelta(days=int(u[0] * ((last - first).days + 1)))
        r["YKFMJ"] = round(r["ZDMJ"], 2)
        r["CRJK"] = round(mu * (price_rate[0] + u[1] * (price_rate[1] - price_rate[0])), 2)
        r["ZTZ"] = round(mu * (inv_rate[0] + u[2] * (inv_rate[1] - inv_rate[0])), 2)

    # ---- supplies
    supplies = []
    seq = {}
    for ids, date, form, note in sorted(SUPPLIES, key=lambda s: s[1]):
        for i in ids:
            assert i in by_id and by_id[i]["special"] is None, i
        if form == "parcel":
            assert len(ids) == 1
            geom = by_id[ids[0]]["geom"].Clone()
        elif form == "cells":
            geom = _rect_of_cells(by_id, ids)
        else:                                   # envelope of the parcels, as redrawn
            env = [by_id[i]["geom"].GetEnvelope() for i in ids]
            geom = box(min(e[0] for e in env), min(e[2] for e in env),
                       max(e[1] for e in env), max(e[3] for e in env))
        assert geom.GetGeometryType() == ogr.wkbPolygon and is_valid(geom)
        code6 = ids[0][:6]
        year = date[:4]
        seq[(code6, year)] = seq.get((code6, year), 0) + 1
        uses = {by_id[i]["DLBM"] for i in ids}
        method = "划拨" if uses == {"0809"} else "租赁" if note == "租赁" else "出让"
        supplies.append(dict(DZBAH=f"{code6}{year}B{seq[(code6, year)]:05d}", GYRQ=date, GYFS=method,
                             CJJG=round(sum(by_id[i]["CRJK"] for i in ids), 2), geom=geom, parcels=ids,
                             note=note))
    # every parcel in a batch is either under a supply (its GYRQ) or designated not supplied
    supply_of = {}
    for s in supplies:
        for i in s["parcels"]:
            if i in supply_of:
                assert supply_of[i]["GYRQ"] == s["GYRQ"], i
            supply_of[i] = s
    cases = {c["id"]: c for c in IDLE_CASES}
    assert len(cases) == len(IDLE_CASES)
    for r in rows:
        in_batch = [b["key"] for b in batches if quiet_overlap(r["vgeom"], b["geom"]) > 0]
        if in_batch:
            c = cases.get(r["ZDDM"], {})
            assert r["ZDDM"] in supply_of or ("gyrq" in c and c["gyrq"] is None), (r["ZDDM"], in_batch)
            assert r["cls"] == "inside" or r["ZDDM"] in supply_of, r["ZDDM"]
    for i, a in enumerate(supplies):
        for b in supplies[i + 1:]:
            ov = quiet_overlap(a["geom"], b["geom"])
            assert ov == 0.0 or {a["note"], b["note"]} == {None, "redelivered"}, (a["DZBAH"], b["DZBAH"])
    for s in supplies:
        n = sum(quiet_overlap(s["geom"], b["geom"]) > 0 for b in batches)
        assert n == {"straddle": 2, "no_batch": 0}.get(s["note"], 1), (s["DZBAH"], n)

    # ---- idle fields
    def d(s):
        return datetime.date.fromisoformat(s)

    def later(day, days):
        return day + datetime.timedelta(days=days)
    for r in rows:
        u = r.pop("_draw")
        c = cases.get(r["ZDDM"])
        s = supply_of.get(r["ZDDM"])
        gyrq = d(s["GYRQ"]) if s else r["_gyrq"]
        del r["_gyrq"]
        if c and "gyrq" in c:
            assert s is None or c["gyrq"] is None, r["ZDDM"]
            gyrq = d(c["gyrq"]) if c["gyrq"] else None
        style = ["iso"] * 11 + ["slash"] * 3 + ["compact"] * 3 + ["cn"] * 3
        agreed_style = style[int(u[3] * len(style))]
        start_style = (["iso"] * 16 + style[11:])[int(u[4] * 25)]
        if c is None:
            agreed = later(gyrq, 150 + int(u[5] * 216))
            start = later(agreed, -60 + int(u[6] * 211))
            start = max(start, later(gyrq, 20))
            if later(agreed, 30) > AS_OF:
                start = None
            elif start > later(AS_OF, -20):
                start = later(AS_OF, -20 - int(u[7] * 60))
            r["GYRQ"] = gyrq.isoformat()
            r["YDKGSJ"] = date_text(agreed, agreed_style)
            r["SJKGSJ"] = date_text(start, start_style) if start else ""
            r["TGRQ"] = ""
            if start is None:
                dev, inv = 0.0, 0.05 * u[8]
            elif start < datetime.date(2023, 1, 1):
                dev, inv = 1.0, 0.90 + 0.18 * u[9]
            else:
                dev, inv = 0.40 + 0.55 * u[8], 0.35 + 0.55 * u[9]
            r["YJKFMJ"] = round(r["YKFMJ"] * dev, 2)
            r["YTZ"] = round(r["ZTZ"] * inv, 2)
            r["XZYY"] = ""
            continue
        if gyrq is None:                         # not supplied: nothing else is known
            for k in IDLE_FIELDS:
                r[k] = None if k in ("YKFMJ", "YJKFMJ", "ZTZ", "YTZ", "CRJK") else ""
            continue
        r["GYRQ"] = gyrq.isoformat()
        a = c.get("agreed", "")
        r["YDKGSJ"] = date_text(*a) if isinstance(a, tuple) else a
        r["SJKGSJ"] = date_text(*c["start"]) if "start" in c else ""
        r["TGRQ"] = date_text(*c["suspended"]) if "suspended" in c else ""
        if "total" in c:
            r["ZTZ"] = c["total"]
        r["YJKFMJ"] = round(r["YKFMJ"] * c.get("dev", 0.0), 2)
        r["YTZ"] = c["invested"] if "invested" in c else round(r["ZTZ"] * c.get("inv", 0.0), 2)
        r["XZYY"] = c.get("cause", "")
    return batches, supplies, cases


def write_approved(batches):
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(os.path.join(HERE, "approved.gpkg"))
    lyr = ds.CreateLayer("approved", SRS_4522, ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    add_field(lyr, "PCMC", ogr.OFTString, 60)
    add_field(lyr, "PZWH", ogr.OFTString, 40)
    add_field(lyr, "PZRQ", ogr.OFTDate)
    add_field(lyr, "PZMJ", ogr.OFTReal)
    for b in batches:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k in ("PCMC", "PZWH", "PZRQ", "PZMJ"):
            f.SetField(k, b[k])
        f.SetGeometry(b["geom"])
        lyr.CreateFeature(f)
    ds = None


def write_supplied(supplies):
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(os.path.join(HERE, "supplied.gpkg"))
    lyr = ds.CreateLayer("supplied", SRS_4522, ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    add_field(lyr, "DZBAH", ogr.OFTString, 20)
    add_field(lyr, "GYRQ", ogr.OFTDate)
    add_field(lyr, "GYFS", ogr.OFTString, 10)
    add_field(lyr, "CJJG", ogr.OFTReal)
    for s in supplies:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k in ("DZBAH", "GYRQ", "GYFS", "CJJG"):
            f.SetField(k, s[k])
        f.SetGeometry(s["geom"])
        lyr.CreateFeature(f)
    ds = None


# ------------------------------- independent check of the idle and 批而未供 figures
def _field_date(f, name):
    if not f.IsFieldSetAndNotNull(name):
        return None
    y, m, dd, *_ = f.GetFieldAsDateTime(f.GetFieldIndex(name))
    return datetime.date(y, m, dd)


def idle_status(gyrq, agreed_text, start_text, suspended_text, due, developed, total, invested, cause, as_of=AS_OF):
    """land-rules §4 at `as_of`, from the values as read back."""
    if gyrq is None or gyrq > as_of:
        return "not_supplied", None
    if not (start_text or "").strip():
        agreed = parse_date_text(agreed_text)
        if agreed is None:
            return "unknown", None
        n = full_years(agreed, as_of)
        if n < 1:
            return "not_idle", n
        if any(g in (cause or "") for g in GOV_CAUSES):
            return "gov_delay", n
        return ("idle_2y" if n >= 2 else "idle_1y"), n
    suspended = parse_date_text(suspended_text)
    if suspended is not None and full_years(suspended, as_of) >= 1 and \
            (developed < due / 3.0 or invested < 0.25 * total):
        return "suspect", full_years(suspended, as_of)
    return "not_idle", None


def check_supply(cases):
    """Re-reads parcels.shp, approved.gpkg, supplied.gpkg and parks.geojson and computes the idle
    statuses and the per-batch 批而未供 figures from them alone (OGR/GEOS, planar EPSG:4522)."""
    parks = []
    ds = gdal.OpenEx(os.path.join(HERE, "parks.geojson"))
    for f in ds.GetLayer():
        parks.append((f["YQDM"], transformed(f.GetGeometryRef(), CT_4490_4522)))
    ds = None

    def park_of(g):
        best = max((g.Intersection(pg).GetArea(), code) for code, pg in parks)
        return best[1] if best[0] > 0 else "(none)"

    # ---- idle statuses
    ds = gdal.OpenEx(os.path.join(HERE, "parcels.shp"), open_options=["ENCODING=CP936"])
    status, counts = {}, {}
    for f in ds.GetLayer():
        g = f.GetGeometryRef().Clone()
        if not is_valid(g):
            g = g.MakeValid()
        st, years = idle_status(_field_date(f, "GYRQ"), f["YDKGSJ"], f["SJKGSJ"], f["TGRQ"], f["YKFMJ"],
                                f["YJKFMJ"], f["ZTZ"], f["YTZ"], f["XZYY"])
        pk = park_of(g)
        status[f["ZDDM"]] = dict(status=st, years=years, park=pk, CRJK=f["CRJK"], GYRQ=_field_date(f, "GYRQ"),
                                 YDKGSJ=f["YDKGSJ"], SJKGSJ=f["SJKGSJ"], TGRQ=f["TGRQ"], XZYY=f["XZYY"],
                                 dev=(f["YJKFMJ"] / f["YKFMJ"]) if f["YKFMJ"] else None,
                                 inv=(f["YTZ"] / f["ZTZ"]) if f["ZTZ"] else None)
        counts.setdefault(pk, {}).setdefault(st, 0)
        counts[pk][st] += 1
    ds = None
    print(f"idle land at {AS_OF} (parcels by park of largest overlap):")
    for pk in sorted(counts):
        print(f"  {pk}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts[pk].items())))
    for pid, s in status.items():
        want = cases[pid]["status"] if pid in cases else "not_idle"
        assert s["status"] == want, (pid, s, want)
    print("  | parcel | park | GYRQ | YDKGSJ | SJKGSJ | TGRQ | developed | invested | XZYY | status | fee 万元 |")
    for c in IDLE_CASES:
        s = status[c["id"]]
        fee = f"{0.2 * s['CRJK']:,.2f}" if s["status"] in ("idle_1y", "idle_2y") else ""
        pct = lambda v: "" if v is None or s["status"] in ("not_supplied",) else f"{100 * v:.0f} %"  # noqa: E731
        print(f"  | `{c['id']}` | {s['park']} | {s['GYRQ'] or ''} | {s['YDKGSJ'] or ''} | {s['SJKGSJ'] or ''} | "
              f"{s['TGRQ'] or ''} | {pct(s['dev'])} | {pct(s['inv'])} | {s['XZYY'] or ''} | **{s['status']}** | {fee} |")
    for c in IDLE_CASES:
        print(f"    {c['id']}: {c['status']} - {c['why']}")

    # ---- 批而未供
    ds = gdal.OpenEx(os.path.join(HERE, "approved.gpkg"))
    batches = [dict(id=f["PCMC"], no=f["PZWH"], date=_field_date(f, "PZRQ"), pzmj=f["PZMJ"],
                    geom=f.GetGeometryRef().Clone()) for f in ds.GetLayer()]
    ds = None
    ds = gdal.OpenEx(os.path.join(HERE, "supplied.gpkg"))
    supplies = [dict(id=f["DZBAH"], date=_field_date(f, "GYRQ"), method=f["GYFS"], price=f["CJJG"],
                     geom=f.GetGeometryRef().Clone()) for f in ds.GetLayer()]
    ds = None
    live = [s for s in supplies if s["date"] <= AS_OF]
    u = ogr.Geometry(ogr.wkbMultiPolygon)
    for s in live:
        u.AddGeometry(s["geom"])
    union = u.UnionCascaded()
    all_batches = ogr.Geometry(ogr.wkbMultiPolygon)
    for b in batches:
        all_batches.AddGeometry(b["geom"])
    all_batches = all_batches.UnionCascaded()
    print(f"supplies: {len(supplies)} records, {len(live)} dated on or before {AS_OF}; "
          f"sum of their areas {sum(s['geom'].GetArea() for s in live):,.1f} m², union {union.GetArea():,.1f} m²")
    for s in supplies:
        inside = [b["id"] for b in batches if quiet_overlap(s["geom"], b["geom"]) > 0]
        outside = s["geom"].Difference(all_batches).GetArea()
        flags = []
        if s["date"] > AS_OF:
            flags.append("after as_of: excluded")
        if len(inside) > 1:
            flags.append("straddles " + " / ".join(f"{i} {s['geom'].Intersection(b['geom']).GetArea():,.1f} m²"
                                                  for i in inside for b in batches if b["id"] == i))
        if not inside:
            flags.append(f"outside every batch ({outside:,.1f} m²)")
        for t in supplies:
            if t is not s and quiet_overlap(s["geom"], t["geom"]) > 0:
                flags.append(f"overlaps {t['id']} by {quiet_overlap(s['geom'], t['geom']):,.1f} m²")
        if flags:
            print(f"  {s['id']} {s['date']} {s['method']} {s['geom'].GetArea():,.1f} m²: " + "; ".join(flags))

    def bucket(d):
        if AS_OF <= add_years(d, AGE_BUCKETS[0]):
            return f"≤{AGE_BUCKETS[0]}y"
        if AS_OF <= add_years(d, AGE_BUCKETS[1]):
            return f"{AGE_BUCKETS[0]}–{AGE_BUCKETS[1]}y"
        return f">{AGE_BUCKETS[1]}y"
    print(f"批而未供 at {AS_OF} (planar EPSG:4522 areas, m²):")
    print("  | batch (PCMC) | PZWH | park | PZRQ | age (full years) | PZMJ | polygon area | PZMJ vs area | supplied | "
          "unsupplied | supply ratio | note |")
    totals = {}
    for b in batches:
        g = b["geom"]
        approved = g.GetArea()
        supplied = g.Intersection(union).GetArea() if g.Intersects(union) else 0.0
        unsupplied = g.Difference(union).GetArea()
        assert abs(approved - supplied - unsupplied) < 1e-3, b["id"]
        pk = park_of(g)
        in_park = sum(g.Intersection(pg).GetArea() for _, pg in parks)
        note = []
        if supplied == 0.0 and AS_OF > add_years(b["date"], 2):
            note.append("nothing supplied for over 2 years: lapsed")
        elif supplied == 0.0:
            note.append("nothing supplied")
        if unsupplied == 0.0:
            note.append("fully supplied")
        diff = 100.0 * (b["pzmj"] - approved) / approved
        if abs(diff) > 1.0:
            note.append("area mismatch")
        if approved - in_park > 1.0:
            note.append(f"{in_park:,.1f} m² inside the park")
        b.update(approved=approved, supplied=supplied, unsupplied=unsupplied, park=pk)
        print(f"  | {b['id']} | {b['no']} | {pk} | {b['date']} | {bucket(b['date'])} "
              f"({full_years(b['date'], AS_OF)}) | {b['pzmj']:,.2f} | {approved:,.2f} | {diff:+.2f} % | "
              f"{supplied:,.2f} | {unsupplied:,.2f} | {100 * supplied / approved:.2f} % | {'; '.join(note)} |")
        t = totals.setdefault(pk, [0.0, 0.0, 0.0])
        t[0] += approved
        t[1] += supplied
        t[2] += unsupplied
    print("  per park (whole batches, each batch in the park it overlaps most):")
    for pk, (a, s, n) in sorted(totals.items()):
        print(f"  | {pk} | {a:,.2f} | {s:,.2f} | {n:,.2f} | {100 * s / a:.2f} % |")
    print("  per park (clipped to the park polygon):")
    for code, pg in parks:
        ap = all_batches.Intersection(pg)
        sp = ap.Intersection(union)
        a, s = ap.GetArea(), sp.GetArea()
        print(f"  | {code} | {a:,.2f} | {s:,.2f} | {ap.Difference(union).GetArea():,.2f} | {100 * s / a:.2f} % |")
    a = sum(b["approved"] for b in batches)
    s = sum(b["supplied"] for b in batches)
    print(f"  all batches: approved {a:,.2f}, supplied {s:,.2f}, unsupplied {a - s:,.2f} m², ratio {100 * s / a:.2f} %")
    return status, batches


# ------------------------------------------------ the earlier year (second audit, issue 10)
# sample_gis/2024/ holds the inputs of the audit a year earlier (as_of 2024-12-31, economics of
# 2023), so `landaudit compare` has something to show. It is derived from the files just written,
# read back, with no random numbers, so the current year's files stay exactly as they are. The
# layers that did not change (parks, farmland, buildings) are the current ones (../ in its
# audit.toml). Planted, besides what the dates alone change (batches approved in 2025 do not exist
# yet, supplies of 2025 are not yet made):
#   * a parcel split: two side-by-side lots of the later year were one parcel with another id;
#   * idle land since started: parcels whose start the later year records had none at the earlier;
#   * a grade change: one enterprise's 2023 figures fail every Kunming threshold (grade D → A);
#   * a new conflict: the earlier red line did not yet reach into one parcel.
EARLIER_AS_OF = datetime.date(2024, 12, 31)
EARLIER_DIR = os.path.join(HERE, "2024")
EARLIER_YEAR = 2023                      # [intensity] year of the earlier audit
MIN_OVERLAP_M2 = 1.0                     # [audit] min_overlap_m2 of both audits
EARLIER_OUTPUTS = ["audit.toml", "parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg",
                   "redline.gpkg", "approved.gpkg", "supplied.gpkg", "economics.csv", "expected_compare.json"]


def _read_parcel_rows(path):
    ds = gdal.OpenEx(path, open_options=["ENCODING=CP936"])
    lyr = ds.GetLayer()
    names = [lyr.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(lyr.GetLayerDefn().GetFieldCount())]
    rows = []
    for f in lyr:
        r = {k: (f[k] if f.IsFieldSetAndNotNull(k) else None) for k in names}
        if r["GYRQ"] is not None:
            r["GYRQ"] = _field_date(f, "GYRQ").isoformat()
        r["geom"] = f.GetGeometryRef().Clone()
        rows.append(r)
    ds = None
    return rows


def _started_by(row, as_of):
    """The actual start as the engine reads it: a date on or before as_of (else not yet started)."""
    d = parse_date_text(row["SJKGSJ"])
    return row["SJKGSJ"] if d is not None and d <= as_of else ""


def _idle_at(row, as_of):
    gyrq = datetime.date.fromisoformat(row["GYRQ"]) if row["GYRQ"] else None
    return idle_status(gyrq, row["YDKGSJ"], _started_by(row, as_of), row["TGRQ"], row["YKFMJ"], row["YJKFMJ"],
                       row["ZTZ"], row["YTZ"], row["XZYY"], as_of=as_of)[0]


def _valid(g):
    return g if is_valid(g) else g.MakeValid()


def _polygons(g):
    if g is None or g.IsEmpty():
        return []
    if g.GetGeometryType() in (ogr.wkbPolygon, ogr.wkbPolygon25D):
        return [g.Clone()]
    return [p.Clone() for i in range(g.GetGeometryCount())
            for p in _polygons(g.GetGeometryRef(i))]


def _union(geoms):
    u = ogr.Geometry(ogr.wkbMultiPolygon)
    for g in geoms:
        for p in _polygons(g):
            u.AddGeometry(p)
    return u.UnionCascaded() if u.GetGeometryCount() else u


def _copy_gpkg(src, dst, layer, keep=lambda f: True, geometry=lambda f: f.GetGeometryRef()):
    """Copies the features of `src` that `keep` accepts into a new GeoPackage with the same schema."""
    sds = gdal.OpenEx(src)
    slyr = sds.GetLayer(layer)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(dst)
    lyr = ds.CreateLayer(layer, slyr.GetSpatialRef(), slyr.GetGeomType(), ["SPATIAL_INDEX=YES"])
    d = slyr.GetLayerDefn()
    for i in range(d.GetFieldCount()):
        lyr.CreateField(d.GetFieldDefn(i))
    for f in slyr:
        if not keep(f):
            continue
        o = ogr.Feature(lyr.GetLayerDefn())
        o.SetFrom(f)
        o.SetGeometry(geometry(f))
        lyr.CreateFeature(o)
    ds = None
    sds = None


def _park_of(g, parks):
    best = max((quiet_overlap(g, pg), code) for code, pg in parks)
    return best[1] if best[0] > 0 else None


def _plain(r, later_status):
    return (r["DLBM"] == "0601" and later_status == "not_idle" and not r["TGRQ"] and not r["XZYY"]
            and r["GYRQ"] and r["GYRQ"] <= "2022-12-31" and "," not in (r["QYDM"] or ""))


def _kunming_grade(per_mu, level):
    T = KUNMING[level]
    if any(per_mu.get(k) is None for k in ("inv", "out", "tax")):
        return "NA"
    return "ABCD"[sum(per_mu[k] < T[k] for k in ("inv", "out", "tax"))]


def write_earlier_year():
    import csv
    import json
    os.makedirs(EARLIER_DIR, exist_ok=True)
    for name in EARLIER_OUTPUTS:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(os.path.join(EARLIER_DIR, name + suffix)):
                os.remove(os.path.join(EARLIER_DIR, name + suffix))
    parks = []
    ds = gdal.OpenEx(os.path.join(HERE, "parks.geojson"))
    for f in ds.GetLayer():
        parks.append((f["YQDM"], transformed(f.GetGeometryRef(), CT_4490_4522), f["YQJB"]))
    ds = None
    park_geoms = [(c, g) for c, g, _ in parks]
    level_of = {c: {"国家级": 0, "省级": 1}[lv] for c, _, lv in parks}
    later = _read_parcel_rows(os.path.join(HERE, "parcels.shp"))
    by_id = {r["ZDDM"]: r for r in later}
    for r in later:
        r["vgeom"] = _valid(r["geom"])
        r["park"] = _park_of(r["vgeom"], park_geoms)
        r["status1"] = _idle_at(r, AS_OF)
    named = {c["id"] for c in IDLE_CASES}
    red = []
    ds = gdal.OpenEx(os.path.join(HERE, "redline.gpkg"))
    for f in ds.GetLayer():
        red.append((f["BSM"], transformed(f.GetGeometryRef(), CT_4490_4522)))
    ds = None
    farm = []
    ds = gdal.OpenEx(os.path.join(HERE, "farmland.shp"))
    for f in ds.GetLayer():
        farm.append(transformed(f.GetGeometryRef(), CT_4543_4522))
    ds = None

    def constrained(r):
        return any(quiet_overlap(r["vgeom"], g) > 0 for _, g in red) or any(quiet_overlap(r["vgeom"], g) > 0 for g in farm)

    taken = set()
    # ---- the split: two plain lots of one block, one owner each, whose hull is barely more than both
    split = None
    for a in sorted(later, key=lambda r: r["ZDDM"]):
        if split or a["park"] != "S530181" or not _plain(a, a["status1"]) or a["ZDDM"] in named or constrained(a):
            continue
        for b in sorted(later, key=lambda r: r["ZDDM"]):
            if b["ZDDM"] <= a["ZDDM"] or b["ZDDM"][:15] != a["ZDDM"][:15] or not _plain(b, b["status1"]) \
                    or b["ZDDM"] in named or constrained(b) or b["park"] != a["park"]:
                continue
            hull = _union([a["vgeom"], b["vgeom"]]).ConvexHull()
            if hull.GetArea() <= 1.03 * (a["vgeom"].GetArea() + b["vgeom"].GetArea()) and \
                    all(quiet_overlap(hull, r["vgeom"]) == 0 for r in later if r["ZDDM"] not in (a["ZDDM"], b["ZDDM"])):
                split = (a, b, hull)
                break
    assert split, "no pair of lots to plant the split"
    a, b, hull = split
    merged_id = a["ZDDM"][:14] + "00099"   # the earlier parcel's own number in the block
    assert len(merged_id) == 19 and merged_id not in by_id
    taken |= {a["ZDDM"], b["ZDDM"]}

    # ---- idle land since started: two plain parcels per park had no recorded start a year earlier
    started = []
    for code, _ in park_geoms:
        pool = [r for r in sorted(later, key=lambda r: r["ZDDM"]) if r["park"] == code and _plain(r, r["status1"])
                and r["ZDDM"] not in named | taken and parse_date_text(r["YDKGSJ"]) is not None
                and parse_date_text(r["YDKGSJ"]) <= add_years(EARLIER_AS_OF, -1) and not constrained(r)]
        started += pool[:2]
    taken |= {r["ZDDM"] for r in started}

    # ---- the new conflict: a parcel inside one red-line feature only, off the duplicated delivery
    conflict = None
    for r in sorted(later, key=lambda r: r["ZDDM"]):
        if r["ZDDM"] in named | taken or r["park"] != "S530181":
            continue
        hits = [(bsm, quiet_overlap(r["vgeom"], g)) for bsm, g in red]
        hits = [(bsm, v) for bsm, v in hits if v > 0]
        if len(hits) == 1 and 200.0 <= hits[0][1] <= 20000.0 and not any(quiet_overlap(r["vgeom"], g) > 0 for g in farm):
            conflict = (r, hits[0][0], hits[0][1])
            break
    assert conflict, "no parcel to plant the new conflict"
    taken.add(conflict[0]["ZDDM"])

    # ---- the grade change: a sole-enterprise industrial parcel graded A on 2024 figures
    econ = []
    with open(os.path.join(HERE, "economics.csv"), encoding="utf-8", newline="") as fh:
        econ = list(csv.DictReader(fh))
    owners = {}
    for r in later:
        for e in (r["QYDM"] or "").split(","):
            if e:
                owners.setdefault(e, []).append(r["ZDDM"])
    figures = {(t["QYDM"], int(t["ND"])): t for t in econ}
    cols = {"inv": "GDZCTZ", "out": "ZCZ", "tax": "SS"}

    def per_mu(e, year, area):
        t = figures.get((e, year))
        if t is None:
            return {}
        return {k: (parse_amount(t[c]) / (area / MU) if parse_amount(t[c]) is not None else None) for k, c in cols.items()}
    graded = None
    for r in sorted(later, key=lambda r: r["ZDDM"]):
        e = r["QYDM"] or ""
        if r["ZDDM"] in named | taken or r["park"] is None or not _plain(r, r["status1"]) or len(owners.get(e, [])) != 1:
            continue
        area = r["vgeom"].GetArea()
        v24, v23 = per_mu(e, GRADED_YEAR, area), per_mu(e, EARLIER_YEAR, area)
        if _kunming_grade(v24, level_of[r["park"]]) == "A" and v23 and all(v23[k] for k in cols) \
                and all(figures[(e, EARLIER_YEAR)][c].replace(".", "", 1).isdigit() for c in cols.values()):
            graded = (r, e)
            break
    assert graded, "no parcel to plant the grade change"
    taken.add(graded[0]["ZDDM"])
    g_row, g_ent = graded
    T = KUNMING[level_of[g_row["park"]]]
    v23 = per_mu(g_ent, EARLIER_YEAR, g_row["vgeom"].GetArea())
    scale = 0.5 * min(T[k] / v23[k] for k in cols)   # every Kunming check fails in 2023
    for t in econ:
        if t["QYDM"] == g_ent and int(t["ND"]) == EARLIER_YEAR:
            for c in ("GDZCTZ", "ZCZ", "YYSR", "SS", "ZJZ"):
                t[c] = f"{float(t[c]) * scale:.2f}"
    g23 = _kunming_grade(per_mu(g_ent, EARLIER_YEAR, g_row["vgeom"].GetArea()) | {}, level_of[g_row["park"]])
    # per_mu above reads `figures`, which shares the rows just scaled
    assert g23 == "D", g23

    # ---- write the earlier year's files
    earlier = []
    for r in later:
        if r["ZDDM"] in (a["ZDDM"], b["ZDDM"]):
            continue
        e = {k: v for k, v in r.items() if k not in ("vgeom", "park", "status1")}
        if r in started:
            e["SJKGSJ"] = None
        earlier.append(e)
    m = {k: v for k, v in a.items() if k not in ("vgeom", "park", "status1")}
    m.update(ZDDM=merged_id, ZDMJ=round(hull.GetArea(), 2), geom=hull)
    for k in ("JZMJ", "JZJDMJ", "DCMJ", "XZMJ", "YKFMJ", "YJKFMJ", "ZTZ", "YTZ", "CRJK"):
        if a.get(k) is not None and b.get(k) is not None:
            m[k] = round(a[k] + b[k], 2)
    earlier.insert(later.index(a), m)
    write_parcels(earlier, EARLIER_DIR, standard_land=False)

    changed_bsm, conflict_parcel = conflict[1], conflict[0]
    def earlier_red(f):
        if f["BSM"] != changed_bsm:
            return f.GetGeometryRef()
        g = transformed(f.GetGeometryRef(), CT_4490_4522).Difference(conflict_parcel["vgeom"])
        return transformed(g, CT_4522_4490)
    _copy_gpkg(os.path.join(HERE, "redline.gpkg"), os.path.join(EARLIER_DIR, "redline.gpkg"), "redline",
               geometry=earlier_red)
    _copy_gpkg(os.path.join(HERE, "approved.gpkg"), os.path.join(EARLIER_DIR, "approved.gpkg"), "approved",
               keep=lambda f: _field_date(f, "PZRQ") <= EARLIER_AS_OF)
    _copy_gpkg(os.path.join(HERE, "supplied.gpkg"), os.path.join(EARLIER_DIR, "supplied.gpkg"), "supplied",
               keep=lambda f: _field_date(f, "GYRQ") <= EARLIER_AS_OF)
    with open(os.path.join(EARLIER_DIR, "economics.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(ECON_FIELDS)
        for t in econ:
            w.writerow([t[k] for k in ECON_FIELDS])
    with open(os.path.join(HERE, "audit.toml"), encoding="utf-8") as fh:
        toml = fh.read()
    for old, new in [('name = "昆明示例园区土地合规审计 2025"', 'name = "昆明示例园区土地合规审计 2024"'),
                     ("as_of = 2025-12-31", "as_of = 2024-12-31"),
                     ('path = "../out/sample_audit.gpkg"', 'path = "../../out/sample_audit_2024.gpkg"'),
                     ('path = "parks.geojson"', 'path = "../parks.geojson"'),
                     ('path = "farmland.shp"', 'path = "../farmland.shp"'),
                     ('path = "buildings.gpkg"', 'path = "../buildings.gpkg"'),
                     ("year = 2024", f"year = {EARLIER_YEAR}")]:
        assert old in toml, old
        toml = toml.replace(old, new, 1)
    header = ("# 示例审计的上一年度 (as_of 2024-12-31), written by ../generate_sample.py: compare it with the\n"
              "# current year: landaudit compare out/sample_audit_2024.gpkg out/sample_audit.gpkg --out out/change.gpkg\n")
    with open(os.path.join(EARLIER_DIR, "audit.toml"), "w", encoding="utf-8") as fh:
        fh.write(header + toml)

    # ---- the expected comparison, computed from the files just written (OGR/GEOS, planar EPSG:4522)
    expected = check_earlier_year(park_geoms, merged_id, (a["ZDDM"], b["ZDDM"]), started, conflict_parcel,
                                  changed_bsm, g_row, level_of)
    with open(os.path.join(EARLIER_DIR, "expected_compare.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


def _batches_and_union(folder, as_of):
    ds = gdal.OpenEx(os.path.join(folder, "approved.gpkg"))
    batches = [(f["PCMC"], f.GetGeometryRef().Clone()) for f in ds.GetLayer()]
    ds = None
    ds = gdal.OpenEx(os.path.join(folder, "supplied.gpkg"))
    live = [f.GetGeometryRef().Clone() for f in ds.GetLayer() if _field_date(f, "GYRQ") <= as_of]
    ds = None
    return batches, _union(live)


def check_earlier_year(parks, merged_id, parts, started, conflict_parcel, changed_bsm, g_row, level_of):
    """Disposal of the earlier stock per park and the planted changes, from the two years' files alone."""
    earlier = {r["ZDDM"]: r for r in _read_parcel_rows(os.path.join(EARLIER_DIR, "parcels.shp"))}
    later = {r["ZDDM"]: r for r in _read_parcel_rows(os.path.join(HERE, "parcels.shp"))}
    for rows in (earlier, later):
        for r in rows.values():
            r["vgeom"] = _valid(r["geom"])
            r["park"] = _park_of(r["vgeom"], parks)
    figures = {code: dict(unsupplied_stock_m2=0.0, unsupplied_disposed_m2=0.0, idle_stock_m2=0.0,
                          idle_disposed_m2=0.0) for code, _ in parks}
    pieces = []
    # 批而未供: each earlier piece ≥ 1 m², the part of it the later year still has unsupplied
    b0, u0 = _batches_and_union(EARLIER_DIR, EARLIER_AS_OF)
    b1, u1 = _batches_and_union(HERE, AS_OF)
    later_batches = dict(b1)
    for batch, g in b0:
        for piece in _polygons(g.Difference(u0)):
            area = piece.GetArea()
            if area < MIN_OVERLAP_M2:
                continue
            park = _park_of(piece, parks)
            if batch not in later_batches:
                still = 0.0
                outcome = "withdrawn"
            else:
                still = sum(p.GetArea() for p in _polygons(piece.Difference(u1)))
                if area - still < MIN_OVERLAP_M2:
                    still = area
                elif still < MIN_OVERLAP_M2:
                    still = 0.0
                outcome = "supplied" if still == 0.0 else "still_unsupplied" if still == area else "partly_supplied"
            pieces.append(dict(kind="unsupplied", source_id=batch, park_id=park, outcome=outcome,
                               area_m2=round(area, 4), disposed_m2=round(area - still, 4)))
            if park:
                figures[park]["unsupplied_stock_m2"] += area
                figures[park]["unsupplied_disposed_m2"] += area - still
    # idle land: earlier idle parcels, and the status of the same parcel (same id) a year later
    idle_rows = []
    for pid, r in sorted(earlier.items()):
        s0 = _idle_at(r, EARLIER_AS_OF)
        if s0 not in ("idle_1y", "idle_2y", "gov_delay"):
            continue
        assert pid in later, pid   # no idle parcel was split or merged
        s1 = _idle_at(later[pid], AS_OF)
        outcome = ("started" if s1 in ("not_idle", "suspect") else "still_idle" if s1 in ("idle_1y", "idle_2y", "gov_delay")
                   else "reclaimed" if s1 == "not_supplied" else "unknown")
        area = r["vgeom"].GetArea()
        disposed = area if outcome in ("started", "reclaimed") else 0.0
        idle_rows.append(dict(parcel_id=pid, park_id=r["park"], idle0=s0, idle1=s1, outcome=outcome,
                              area_m2=round(area, 4)))
        if r["park"]:
            figures[r["park"]]["idle_stock_m2"] += area
            figures[r["park"]]["idle_disposed_m2"] += disposed
    for f in figures.values():
        for k in ("unsupplied", "idle"):
            f[f"{k}_ratio_pct"] = 100.0 * f[f"{k}_disposed_m2"] / f[f"{k}_stock_m2"] if f[f"{k}_stock_m2"] else None
    # matching: ids in both, the split parts by geometry, nothing new or gone
    same = sorted(set(earlier) & set(later))
    hull = earlier[merged_id]["vgeom"]
    split = [dict(parcel_id=p, prev_id=merged_id,
                  share_of_part_pct=100.0 * hull.Intersection(later[p]["vgeom"]).GetArea() / later[p]["vgeom"].GetArea())
             for p in parts]
    new_conflict = conflict_parcel["vgeom"].Intersection(
        [g for bsm, g in _red_4522(HERE) if bsm == changed_bsm][0]).GetArea()
    earlier_overlap = conflict_parcel["vgeom"].Intersection(
        [g for bsm, g in _red_4522(EARLIER_DIR) if bsm == changed_bsm][0]).GetArea()
    print(f"earlier year {EARLIER_AS_OF}: {len(earlier)} parcels; split {merged_id} -> {', '.join(parts)}; "
          f"started {', '.join(r['ZDDM'] for r in started)}; new conflict {conflict_parcel['ZDDM']} "
          f"{new_conflict:,.2f} m² ({changed_bsm}, earlier {earlier_overlap:.6f}); grade change {g_row['ZDDM']}")
    for code, f in figures.items():
        print(f"  {code}: 批而未供 {f['unsupplied_disposed_m2']:,.2f} of {f['unsupplied_stock_m2']:,.2f} m², "
              f"idle {f['idle_disposed_m2']:,.2f} of {f['idle_stock_m2']:,.2f} m²")
    return dict(
        earlier=dict(as_of=EARLIER_AS_OF.isoformat(), config="2024/audit.toml", output="out/sample_audit_2024.gpkg"),
        later=dict(as_of=AS_OF.isoformat(), config="audit.toml", output="out/sample_audit.gpkg"),
        min_overlap_m2=MIN_OVERLAP_M2,
        parks=figures,
        unsupplied_pieces=pieces,
        idle_parcels=idle_rows,
        parcels_by_id=len(same), parcels_by_geometry=len(parts), parcels_new=0, parcels_gone=0,
        split=split,
        idle_started=sorted(r["ZDDM"] for r in started),
        grade_change=dict(parcel_id=g_row["ZDDM"], grade0="D", grade1="A"),
        new_conflict=dict(parcel_id=conflict_parcel["ZDDM"], layer="redline", feature=changed_bsm,
                          area_m2=new_conflict, earlier_overlap_m2=earlier_overlap),
        withdrawn_batches=[],
        new_batches=sorted(set(later_batches) - {b for b, _ in b0}),
    )


def _red_4522(folder):
    ds = gdal.OpenEx(os.path.join(folder, "redline.gpkg"))
    out = [(f["BSM"], transformed(f.GetGeometryRef(), CT_4490_4522)) for f in ds.GetLayer()]
    ds = None
    return out


# ------------------------------------------------------- 标准地 (standard land) and star-rated parks
# A few industrial parcels were supplied as 标准地: their contracts hold control indicators, checked
# at the acceptance check (达产复核) after completion. Drawn from a random stream of their own
# (SEED + 6) after everything else, so every other value stays as it was: parcels.dbf only gains
# the six fields below.
STD_FIELDS = ["BZ_TZQD", "BZ_RJL", "BZ_SS", "BZ_CZ", "BZ_NHXL", "BZ_FHRQ"]
STD_TERMS = [("BZ_TZQD", "inv_mu"), ("BZ_RJL", "far"), ("BZ_SS", "tax_mu"), ("BZ_CZ", "out_mu"),
             ("BZ_NHXL", "va_energy")]
# Per case: park, 达产复核 date (None = not recorded) and, per term, the factor on the parcel's actual
# value (None = not in the contract; "+0.3" adds to it). Factors below 1 are met, above 1 short.
STD_CASES = [
    (0, "2024-06-30", {"inv_mu": 0.9, "far": 0.9, "tax_mu": 0.9, "out_mu": 0.9, "va_energy": 0.9}),  # met
    (0, "2025-06-30", {"inv_mu": 0.9, "far": 0.9, "tax_mu": 1.25, "out_mu": 0.9}),                     # tax short
    (0, "2026-09-30", {"inv_mu": 1.5, "tax_mu": 1.5}),                                # not yet due (would be short)
    (0, None, {"far": 0.9, "tax_mu": 0.9}),                                            # no due date: unknown
    (1, "2023-12-31", {"inv_mu": 1.2, "far": 0.9, "out_mu": 1.1}),                      # investment, output short
    (1, "2025-12-31", {"far": "+0.3", "va_energy": 0.9}),                               # due on as_of: FAR short
    (1, "2025-03-31", {"va_energy": 1.3}),                                              # energy short
    (1, "2024-12-31", {"inv_mu": 0.8, "tax_mu": 0.8}),                                  # met
]
STD_STARS = "guandu-2024-stars"


def _sole_parcel_figures(rows, econ, year):
    """Per parcel used by one enterprise holding no other parcel: that enterprise's row of `year`."""
    holders = {}
    for r in rows:
        for e in (r.get("QYDM") or "").split(","):
            if e:
                holders.setdefault(e, []).append(r["ZDDM"])
    table = {(t["QYDM"], int(t["ND"])): t for t in econ}
    out = {}
    for r in rows:
        ents = [e for e in (r.get("QYDM") or "").split(",") if e]
        if len(ents) == 1 and len(holders[ents[0]]) == 1 and (ents[0], year) in table:
            out[r["ZDDM"]] = table[(ents[0], year)]
    return out


def _actual_indicators(area, jzmj, t):
    """The 亩均 indicators the contract terms are compared with (docs/indicators.md)."""
    mu = area / MU
    v = {k: parse_amount(t[c]) for k, c in (("inv", "GDZCTZ"), ("out", "ZCZ"), ("tax", "SS"), ("va", "ZJZ"),
                                             ("energy", "NH"))}
    return {"inv_mu": v["inv"] / mu, "out_mu": v["out"] / mu, "tax_mu": v["tax"] / mu,
            "va_energy": v["va"] / v["energy"], "far": jzmj / area}


def build_standard_land(rows, econ):
    """Writes the 标准地 fields into `rows` for the STD_CASES parcels; returns their ids."""
    rng = random.Random(SEED + 6)
    named = {c["id"] for c in IDLE_CASES}
    figures = _sole_parcel_figures(rows, econ, GRADED_YEAR)
    prefix = {0: "530111", 1: "530181"}
    chosen = []
    for park, due, terms in STD_CASES:
        pool = sorted(r["ZDDM"] for r in rows if r["DLBM"] == "0601" and r["ZDDM"] in figures
                      and r["ZDDM"].startswith(prefix[park]) and r.get("JZMJ") not in (None, "")
                      and r["ZDDM"] not in named and r["ZDDM"] not in chosen and is_valid(r["geom"]))
        pid = rng.choice(pool)
        chosen.append(pid)
        r = next(x for x in rows if x["ZDDM"] == pid)
        actual = _actual_indicators(r["geom"].GetArea(), float(r["JZMJ"]), figures[pid])
        for field, code in STD_TERMS:
            f = terms.get(code)
            if f is None:
                continue
            value = actual[code] + 0.3 if f == "+0.3" else actual[code] * f
            r[field] = round(value, 2)
        if due:
            r["BZ_FHRQ"] = due
    return chosen


def check_standard_land_and_stars(chosen):
    """Re-reads parcels.shp, economics.csv and parks.geojson and computes, from them alone, each
    标准地 parcel's verdict (contracted minimum vs the measured indicator, shortfall %) and each
    park's 三星 criteria that the data decides; writes expected_standard_land.json."""
    import csv
    import json
    ds = gdal.OpenEx(os.path.join(HERE, "parcels.shp"), open_options=["ENCODING=CP936"])
    rows = []
    for f in ds.GetLayer():
        r = {k: f[k] for k in ("ZDDM", "DLBM", "QYDM", "JZMJ", "HYDM")}
        for k, _ in STD_TERMS:
            r[k] = f[k] if f.IsFieldSetAndNotNull(k) else None
        r["BZ_FHRQ"] = _field_date(f, "BZ_FHRQ").isoformat() if f.IsFieldSetAndNotNull("BZ_FHRQ") else None
        g = f.GetGeometryRef().Clone()
        r["geom"] = g if is_valid(g) else g.MakeValid()
        rows.append(r)
    ds = None
    with open(os.path.join(HERE, "economics.csv"), encoding="utf-8", newline="") as fh:
        econ = list(csv.DictReader(fh))
    figures = _sole_parcel_figures(rows, econ, GRADED_YEAR)
    parks = []
    ds = gdal.OpenEx(os.path.join(HERE, "parks.geojson"))
    for f in ds.GetLayer():
        parks.append((f["YQDM"], transformed(f.GetGeometryRef(), CT_4490_4522), f["ZDCY"].split(",")))
    ds = None

    def park_of(g):
        best = max((g.Intersection(pg).GetArea(), code) for code, pg, _ in parks)
        return best[1] if best[0] > 0 else None

    expected = {"as_of": AS_OF.isoformat(), "parcels": {}, "parks": {}}
    std_rows = [r for r in rows if any(r[k] is not None for k, _ in STD_TERMS) or r["BZ_FHRQ"]]
    assert sorted(r["ZDDM"] for r in std_rows) == sorted(chosen), "only the chosen parcels carry a contract"
    for r in std_rows:
        area = geos_area(r["geom"])
        actual = _actual_indicators(area, r["JZMJ"], figures[r["ZDDM"]])
        due = datetime.date.fromisoformat(r["BZ_FHRQ"]) if r["BZ_FHRQ"] else None
        is_due = due is not None and AS_OF >= due
        terms = {}
        for field, code in STD_TERMS:
            c = r[field]
            if c is None:
                continue
            t = {"contracted": c, "actual": actual[code]}
            if not is_due:
                t["status"] = "not_yet_due" if due else "unknown"
            elif actual[code] < c:
                t["status"], t["shortfall_pct"] = "short", 100.0 * (c - actual[code]) / c
            else:
                t["status"], t["shortfall_pct"] = "met", 0.0
            terms[code] = t
        statuses = [t["status"] for t in terms.values()]
        status = ("not_yet_due" if due and not is_due else "unknown" if not due else
                  "short" if "short" in statuses else "unknown" if "unknown" in statuses else "met")
        expected["parcels"][r["ZDDM"]] = {"park": park_of(r["geom"]), "due": r["BZ_FHRQ"], "status": status,
                                         "n_short": statuses.count("short"), "terms": terms}
        print(f"  标准地 {r['ZDDM']} ({park_of(r['geom'])}, 达产复核 {r['BZ_FHRQ']}): {status} " + ", ".join(
            f"{k} {t['contracted']:.2f} vs {t['actual']:.2f}" + (f" short {t['shortfall_pct']:.2f} %"
                                                                  if t["status"] == "short" else "")
            for k, t in terms.items()))

    # Star rating (guandu-2024-stars): the 三星 criteria the data decides here, on the park's parcels
    # (largest share): 主导产业营收占比 (revenue of parcels whose HYDM is a declared leading industry ÷
    # revenue of parcels with an industry) and 亩均营业收入 (Σ revenue ÷ Σ 亩 of parcels with revenue),
    # an enterprise's revenue spread over its parcels by area. A known failure of a 三星 criterion rates
    # the park below 三星 (0 stars) whatever else is unknown.
    table = {(t["QYDM"], int(t["ND"])): t for t in econ}
    land = {}
    for r in rows:
        for e in [e for e in (r["QYDM"] or "").split(",") if e]:
            land[e] = land.get(e, 0.0) + geos_area(r["geom"])
    for code, _, lead in parks:
        rev_lead = rev_known = rev_all = mu_all = 0.0
        for r in rows:
            ents = [e for e in (r["QYDM"] or "").split(",") if e]
            if park_of(r["geom"]) != code or not ents or len(ents) > 1:
                continue  # shared parcels split by leased floor: left out of this check (3 parcels)
            t = table.get((ents[0], GRADED_YEAR))
            rev = parse_amount(t["YYSR"]) if t else None
            if rev is None:
                continue
            rev *= geos_area(r["geom"]) / land[ents[0]]
            rev_all += rev
            mu_all += geos_area(r["geom"]) / MU
            if r["HYDM"]:
                rev_known += rev
                rev_lead += rev if r["HYDM"] in lead else 0.0
        lead_pct, rev_mu = 100.0 * rev_lead / rev_known, rev_all / mu_all
        failed = [i for i, ok in (("gd24-s3-lead", lead_pct >= 60.0), ("gd24-s3-rev", rev_mu >= 300.0)) if not ok]
        assert failed, "the sample's parks were meant to fall below 三星 on a criterion this check decides"
        expected["parks"][code] = {"stars": 0, "failed_3": failed, "lead_pct": lead_pct, "rev_mu": rev_mu}
        print(f"  {STD_STARS} {code}: 主导产业营收占比 {lead_pct:.2f} %, 亩均营业收入 {rev_mu:.2f} 万元/亩 "
              f"→ below 三星 (fails {', '.join(failed)})")
    expected["star_tally"] = {"五星": 0, "四星": 0, "三星": 0, "none": len(parks), "NA": 0}
    expected["star_targets"] = {"五星": 3, "四星": 5, "三星": 8}
    with open(os.path.join(HERE, "expected_standard_land.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


# --------------------------------------------------------------------- main
def main():
    rng = random.Random(SEED)
    remove_outputs()

    parcels = build_parcels(rng)
    touch_parcel, touch_farm_4543 = add_specials(rng, parcels)

    # ---- attributes
    xzq = {0: ("530111", "001", "昆明", "云南省昆明市官渡区经开区", ROADS_A),
           1: ("530181", "002", "安宁", "云南省昆明市安宁市", ROADS_B)}
    parcels.sort(key=lambda p: (p["park"], p["cell"]["block"],
                                round(p["geom"].Centroid().GetX(), 1),
                                round(p["geom"].Centroid().GetY(), 1)))
    seq = {}
    house_no = {}
    rows = []
    owner_pool = {}
    for p in parcels:
        code6, jd, place, addr, roads = xzq[p["park"]]
        blk = p["cell"]["block"]
        seq[(p["park"], blk)] = seq.get((p["park"], blk), 0) + 1
        zddm = f"{code6}{jd}{blk:03d}GB{seq[(p['park'], blk)]:05d}"
        assert len(zddm) == 19
        if "use" in p:
            tdyt, dlbm = p["use"]
        else:
            tdyt, dlbm, _ = rng.choices(LAND_USES, [w for *_, w in LAND_USES])[0]
        if "owner" in p:
            qlr = p["owner"]
        else:
            # companies often hold several parcels: reuse names from a small pool
            pool = owner_pool.setdefault((p["park"], tdyt), [])
            if pool and rng.random() < 0.25:
                qlr = rng.choice(pool)
            else:
                qlr = company(rng, tdyt, rng.choice([place, "云南", "云南省" if tdyt == "工业用地" else place]))
                pool.append(qlr)
        road = roads[p["cell"]["col_x"] % len(roads)]
        house_no[road] = house_no.get(road, 0) + rng.choice([2, 2, 4, 6, 8])
        zl = f"{addr}{road}{house_no[road]}号"
        true_area = (p["intended"] if "intended" in p else p["geom"]).GetArea()
        zdmj = round(true_area * (1.0 + rng.uniform(-0.005, 0.005)), 2)
        p["ZDDM"] = zddm
        rows.append(dict(geom=p["geom"], ZDDM=zddm, QLR=qlr, TDYT=tdyt, DLBM=dlbm,
                         ZDMJ=zdmj, ZL=zl))

    # ---- farmland rows in EPSG:4543
    farm_rows = [(c, k, transformed(g, CT_4522_4543)) for c, k, g in FARMLAND]
    farm_rows.insert(2, ("5301110023", "旱地", touch_farm_4543))

    # ---- self checks (all in EPSG:4522)
    geoms = [r["geom"] if is_valid(r["geom"]) else r["geom"].MakeValid() for r in rows]
    invalid = [r["ZDDM"] for r in rows if not is_valid(r["geom"])]
    assert len(invalid) == 1, invalid
    assert len({r["ZDDM"] for r in rows}) == len(rows)
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert overlap_area(geoms[i], geoms[j]) == 0.0, (rows[i]["ZDDM"], rows[j]["ZDDM"])
    red = [g for *_, g in REDLINE]
    farm = [transformed(g, CT_4543_4522) for _, _, g in farm_rows]
    for g in red + farm:
        assert is_valid(g)
    for r in red:
        for f in farm:
            assert overlap_area(r, f) == 0.0
    tf = transformed(touch_farm_4543, CT_4543_4522)
    hits = [(r["ZDDM"], overlap_area(r["geom"], tf)) for r in rows if r["geom"].Intersects(tf)]
    assert hits == [(touch_parcel["ZDDM"], 0.0)], hits
    assert tf.Intersection(touch_parcel["geom"]).GetGeometryType() in (ogr.wkbLineString,
                                                                       ogr.wkbMultiLineString)

    # ---- intensity (亩均) data: new parcel fields, buildings, economics (own random stream)
    buildings, econ, cases = build_intensity(parcels, rows)
    for i, b in enumerate(buildings):
        assert is_valid(b["geom"])
        for c in buildings[i + 1:]:
            assert not b["geom"].Intersects(c["geom"]), (b["JZBH"], c["JZBH"])
        if b.get("special") != "crossing":
            assert b["parcel"]["vgeom"].Contains(b["geom"]), b["JZBH"]

    # ---- idle land and 批而未供: new parcel fields, approval batches, supplies (own random stream)
    batches, supplies, idle_cases = build_supply(rows)

    # ---- 标准地 contract fields on a few industrial parcels (own random stream)
    std_parcels = build_standard_land(rows, econ)

    write_parks()
    write_parcels(rows)
    write_redline()
    write_farmland(farm_rows)
    write_buildings(buildings)
    write_economics(econ)
    write_approved(batches)
    write_supplied(supplies)

    # ---- summary (the README numbers are re-checked independently with ogrinfo)
    dup = red[0].Intersection(red[1])
    def n_over(gs):
        return sum(1 for g in geoms if any(overlap_area(g, x) > 0 for x in gs))
    cls = {}
    for p in parcels:
        cls[p["cls"]] = cls.get(p["cls"], 0) + 1
    print(f"parcels: {len(rows)}  {cls}")
    print(f"red-line duplicate overlap: {dup.GetArea():.0f} m2 = "
          f"{100 * dup.GetArea() / red[0].GetArea():.1f}% of first, "
          f"{100 * dup.GetArea() / red[1].GetArea():.1f}% of second")
    for bsm, _, _, g in REDLINE:
        print(f"  red {bsm}: {n_over([g])} parcels, {g.GetArea():.0f} m2")
    for code, _, g in farm_rows:
        print(f"  farm {code}: {n_over([transformed(g, CT_4543_4522)])} parcels")
    print(f"parcels overlapping red line: {n_over(red)}, farmland: {n_over(farm)}, "
          f"duplicate region: {n_over([dup])}")
    print("specials:", {p.get('special'): p["ZDDM"] for p in parcels if p.get("special")})
    print_intensity(rows, buildings, econ, cases)
    check_supply(idle_cases)
    check_standard_land_and_stars(std_parcels)
    write_earlier_year()
    return 0


if __name__ == "__main__":
    sys.exit(main())

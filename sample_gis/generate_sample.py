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

See README.md in this directory for what the data deliberately contains.
"""

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
    for code, name, level, geom in PARKS:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("YQDM", code)
        f.SetField("YQMC", name)
        f.SetField("YQJB", level)
        f.SetGeometry(transformed(geom, CT_4522_4490))
        lyr.CreateFeature(f)
    ds = None


def write_parcels(rows):
    drv = ogr.GetDriverByName("ESRI Shapefile")
    path = os.path.join(HERE, "parcels.shp")
    ds = drv.CreateDataSource(path)
    lyr = ds.CreateLayer("parcels", SRS_4522, ogr.wkbPolygon,
                         ["ENCODING=CP936", "SHPT=POLYGON", "DBF_DATE_LAST_UPDATE=2025-01-01"])
    add_field(lyr, "ZDDM", ogr.OFTString, 19)
    add_field(lyr, "QLR", ogr.OFTString, 80)
    add_field(lyr, "TDYT", ogr.OFTString, 20)
    add_field(lyr, "DLBM", ogr.OFTString, 4)
    add_field(lyr, "ZDMJ", ogr.OFTReal, 15, 2)
    add_field(lyr, "ZL", ogr.OFTString, 120)
    for r in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k in ("ZDDM", "QLR", "TDYT", "DLBM", "ZDMJ", "ZL"):
            f.SetField(k, r[k])
        f.SetGeometry(r["geom"])
        lyr.CreateFeature(f)
    ds = None
    # GBK .dbf as many real deliveries come: no .cpg and no code page in the header.
    cpg = os.path.join(HERE, "parcels.cpg")
    if os.path.exists(cpg):
        os.remove(cpg)
    with open(os.path.join(HERE, "parcels.dbf"), "r+b") as fh:
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

    write_parks()
    write_parcels(rows)
    write_redline()
    write_farmland(farm_rows)

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
    return 0


if __name__ == "__main__":
    sys.exit(main())

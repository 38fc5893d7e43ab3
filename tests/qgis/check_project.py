#!/usr/bin/python3
"""Opens a landaudit QGIS project in real QGIS (PyQGIS, headless) and checks it as a user would see it.

usage: /usr/bin/python3 tests/qgis/check_project.py PROJECT.qgz [--keep DIR] [--dpi N]

Checks, each against an independent source (the GeoPackage read with osgeo.ogr, the .qgs XML read
from the archive with zipfile):
  - QgsProject.read() succeeds and every layer is valid;
  - each layer's feature count equals the GeoPackage's;
  - each layer's renderer type equals the renderer named in its embedded style (when it has one);
  - every field with an alias in gpkg_data_columns has an alias in QGIS;
  - the project opens, every layer valid, after the folder is copied elsewhere (relative paths);
  - one print layout per row of the parks layer; each exported to PDF with QgsLayoutExporter,
    turned into PNG by `pdftoppm -r DPI -png`, and its map area shows more than one colour class
    (besides white, grey and black).
Prints one JSON object; exits 0 when every check passed, 1 otherwise (the JSON lists the problems).
Needs QT_QPA_PLATFORM=offscreen when there is no display (set here if unset).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import ogr  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsLayoutExporter,
    QgsMapLayerType,
    QgsProject,
)
from qgis.PyQt.QtGui import QImage  # noqa: E402


# Tables of the GeoPackage that are not map layers of the audit.
PROVENANCE_TABLES = {"run_info", "run_inputs", "layer_styles"}


def embedded_styles(qgz_path):
    """layer id -> (table, renderer type named in the embedded style or None), from the .qgs XML."""
    with zipfile.ZipFile(qgz_path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".qgs")]
        if len(names) != 1:
            raise RuntimeError(f"{qgz_path}: expected one .qgs in the archive, found {names}")
        root = ET.fromstring(archive.read(names[0]))
    styles = {}
    for layer in root.iter("maplayer"):
        layer_id = layer.findtext("id")
        source = layer.findtext("datasource") or ""
        table = source.split("layername=")[-1] if "layername=" in source else None
        renderer = layer.find("renderer-v2")
        styles[layer_id] = (table, renderer.get("type") if renderer is not None else None, source)
    return styles


def gpkg_counts_and_aliases(gpkg_path):
    ds = ogr.Open(gpkg_path)
    if ds is None:
        raise RuntimeError(f"cannot open {gpkg_path} with OGR")
    counts = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    aliases = {}
    with sqlite3.connect(f"file:{gpkg_path}?mode=ro", uri=True) as db:
        has_table = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_data_columns'").fetchone()[0]
        if has_table:
            for table, column, title in db.execute(
                    "SELECT table_name, column_name, coalesce(title, name) FROM gpkg_data_columns"):
                if title:
                    aliases.setdefault(table, {})[column] = title
    return counts, aliases


def colour_classes(png_path, rect_px):
    """Colour classes in rect_px of the PNG: colours quantized to 32 levels per channel that cover
    at least 0.2 % of the area (so anti-aliased edges do not count), how many of them are
    chromatic, and the share of non-white pixels on the whole page."""
    image = QImage(png_path)
    if image.isNull():
        raise RuntimeError(f"cannot read {png_path}")
    x0, y0, x1, y1 = rect_px
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(image.width(), x1), min(image.height(), y1)
    counts = {}
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = image.pixel(x, y)
            key = ((c >> 16 & 0xFF) >> 3, (c >> 8 & 0xFF) >> 3, (c & 0xFF) >> 3)
            counts[key] = counts.get(key, 0) + 1
    sampled = sum(counts.values())
    dominant = [key for key, n in counts.items() if n >= 0.002 * sampled]
    # Chromatic: not white, grey or black (the frame, outlines, text, scale bar and north arrow).
    chromatic = sum(1 for r, g, b in dominant if max(r, g, b) - min(r, g, b) > 5)
    non_white = 0
    total = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixel(x, y)
            total += 1
            if min(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF) < 235:
                non_white += 1
    return len(dominant), chromatic, (100.0 * non_white / total if total else 0.0), image.width(), image.height()


def read_project(path, problems, label):
    project = QgsProject.instance()
    project.clear()
    if not project.read(path):
        problems.append(f"{label}: QgsProject.read failed: {project.error()}")
        return None
    return project


def check_layers(project, qgz_path, problems):
    styles = embedded_styles(qgz_path)
    gpkg_path = None
    layers = {}
    for layer_id, layer in project.mapLayers().items():
        source = layer.source()
        path = source.split("|")[0]
        gpkg_path = gpkg_path or path
        info = {"name": layer.name(), "valid": layer.isValid(), "source": source}
        table, style_renderer, raw_source = styles.get(layer_id, (None, None, ""))
        info["table"] = table
        info["datasource_in_file"] = raw_source
        if not raw_source.startswith("./"):
            problems.append(f"{layer_id}: datasource in the project file is not relative: {raw_source}")
        if not layer.isValid():
            problems.append(f"{layer_id}: layer not valid ({source})")
        if layer.type() == QgsMapLayerType.VectorLayer:
            info["features"] = layer.featureCount()
            renderer = layer.renderer()
            info["renderer"] = renderer.type() if renderer else None
            info["style_renderer"] = style_renderer
            if style_renderer and info["renderer"] != style_renderer:
                problems.append(f"{layer_id}: renderer {info['renderer']} differs from the style's {style_renderer}")
            info["aliases"] = {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields())
                               if layer.attributeAlias(i)}
        layers[layer_id] = info
    return layers, gpkg_path


def export_layouts(project, out_dir, dpi, problems, park_names):
    results = []
    layouts = project.layoutManager().printLayouts()
    names = [layout.name() for layout in layouts]
    for park in park_names:
        if not any(name == park or name.startswith(park + " (") for name in names):
            problems.append(f"no print layout for park {park!r} (layouts: {names})")
    if len(layouts) != len(park_names):
        problems.append(f"{len(layouts)} print layouts for {len(park_names)} parks")
    for n, layout in enumerate(layouts, start=1):
        pdf = os.path.join(out_dir, f"layout_{n}.pdf")
        result = QgsLayoutExporter(layout).exportToPdf(pdf, QgsLayoutExporter.PdfExportSettings())
        entry = {"name": layout.name(), "export": int(result)}
        if result != QgsLayoutExporter.Success or not os.path.exists(pdf):
            problems.append(f"layout {layout.name()!r}: PDF export failed ({result})")
            results.append(entry)
            continue
        entry["pdf_bytes"] = os.path.getsize(pdf)
        png_base = os.path.join(out_dir, f"layout_{n}")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", pdf, png_base], check=True)
        png = png_base + ".png"
        entry["png"] = png
        page = layout.pageCollection().page(0)
        map_item = layout.itemById("park_map")
        if map_item is None:
            problems.append(f"layout {layout.name()!r}: no map item park_map")
            results.append(entry)
            continue
        rect = map_item.sceneBoundingRect()
        page_w_mm = page.pageSize().width()
        px_per_mm = QImage(png).width() / page_w_mm
        rect_px = [int(rect.left() * px_per_mm) + 2, int(rect.top() * px_per_mm) + 2,
                   int(rect.right() * px_per_mm) - 2, int(rect.bottom() * px_per_mm) - 2]
        colours, chromatic, non_white, width, height = colour_classes(png, rect_px)
        entry.update({"png_size": [width, height], "map_colour_classes": colours,
                      "map_chromatic_classes": chromatic,
                      "page_non_white_pct": round(non_white, 2),
                      "map_layers": [layer.id() for layer in map_item.layers()]})
        if non_white < 1.0:
            problems.append(f"layout {layout.name()!r}: the page is blank ({non_white:.2f}% not white)")
        if chromatic < 2:
            problems.append(f"layout {layout.name()!r}: the map shows {chromatic} colour class(es) besides "
                            "white, grey and black")
        results.append(entry)
    return results


def main(argv):
    args = argv[1:]
    keep, dpi = None, 60
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    if "--dpi" in args:
        i = args.index("--dpi")
        dpi = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    qgz = os.path.abspath(args[0])

    problems = []
    report = {"project": qgz}
    work = tempfile.mkdtemp(prefix="check-project-")
    try:
        project = read_project(qgz, problems, "project")
        if project is None:
            report["problems"] = problems
            print(json.dumps(report, ensure_ascii=False, indent=1))
            return 1
        report["crs"] = project.crs().authid() or project.crs().description()
        report["groups"] = [{"name": g.name(), "layers": [n.layerId() for n in g.findLayers()]}
                            for g in project.layerTreeRoot().children() if hasattr(g, "findLayers")]
        layers, gpkg_path = check_layers(project, qgz, problems)
        report["layers"] = layers
        report["gpkg"] = gpkg_path
        counts, aliases = gpkg_counts_and_aliases(gpkg_path)
        in_project = {info["table"] for info in layers.values()}
        for table in counts:
            if table not in PROVENANCE_TABLES and table not in in_project:
                problems.append(f"the GeoPackage layer {table} is not in the project")
        for layer_id, info in layers.items():
            table = info["table"]
            if table not in counts:
                problems.append(f"{layer_id}: table {table} not in the GeoPackage")
                continue
            info["gpkg_features"] = counts[table]
            if info.get("features") != counts[table]:
                problems.append(f"{layer_id}: {info.get('features')} features, the GeoPackage has {counts[table]}")
            missing = [column for column in aliases.get(table, {}) if not info.get("aliases", {}).get(column)]
            info["aliases_missing"] = missing
            if missing:
                problems.append(f"{layer_id}: no alias on {', '.join(missing)}")

        parks_ds = ogr.Open(gpkg_path)
        park_names = [f.GetField("name") or f.GetField("park_id") for f in parks_ds.GetLayerByName("parks")]
        out_dir = keep or work
        os.makedirs(out_dir, exist_ok=True)
        report["layouts"] = export_layouts(project, out_dir, dpi, problems, park_names)

        # Moved elsewhere: the project and the GeoPackage copied into a new folder, the originals out of reach.
        moved = os.path.join(work, "moved")
        os.makedirs(moved)
        shutil.copy2(qgz, moved)
        shutil.copy2(gpkg_path, moved)
        moved_project = read_project(os.path.join(moved, os.path.basename(qgz)), problems, "moved project")
        if moved_project is not None:
            moved_layers = moved_project.mapLayers().values()
            report["moved_valid_layers"] = sum(1 for layer in moved_layers if layer.isValid())
            for layer in moved_layers:
                if not layer.isValid() or not layer.source().startswith(moved):
                    problems.append(f"moved project: layer {layer.id()} not valid or not read from the copy "
                                    f"({layer.source()})")
        report["problems"] = problems
        report["ok"] = not problems
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0 if not problems else 1
    finally:
        QgsProject.instance().clear()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    QgsApplication.setPrefixPath("/usr", True)
    APP = QgsApplication([], False)  # module-level: it must outlive every QGIS object main() made
    APP.initQgis()
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # PyQGIS 3.22 can crash while Python tears its Qt objects down at exit; the checks are done.
    os._exit(code)

#!/usr/bin/python3
"""Opens every layer of a landaudit GeoPackage in PyQGIS the way QGIS does (no style loaded by
hand) and checks that QGIS applied the default style from layer_styles by itself: the intended
renderer and classes, labels, and the Chinese alias of every contract field (read independently
from gpkg_data_columns). Also checks the non-default styles are listed and load.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/check_styles.py OUT.gpkg
Prints a JSON summary; exits 1 when a check fails, 2 on a usage error.
"""
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateTransformContext,  # noqa: E402
                       QgsGraduatedSymbolRenderer, QgsRuleBasedRenderer, QgsSingleSymbolRenderer,
                       QgsVectorFileWriter, QgsVectorLayer)
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

STATUS = ["redline", "farmland", "idle_2y", "idle_1y", "gov_delay", "suspect", "low_eff", "outside", "compliant"]
# layer → (renderer class, classified field, expected class values or None, labels expected)
EXPECTED = {
    "parcels": (QgsCategorizedSymbolRenderer, "status", STATUS, False),
    "conflicts": (QgsRuleBasedRenderer, None, None, False),
    # "": all other values, the buckets of a custom [unsupplied] age_buckets
    "unsupplied": (QgsCategorizedSymbolRenderer, "bucket", ["≤2y", "2–5y", ">5y", "unknown", ""], False),
    "batches": (QgsGraduatedSymbolRenderer, "supply_pct", None, False),
    "idle": (QgsCategorizedSymbolRenderer, "idle", ["idle_2y", "idle_1y", "gov_delay", "suspect"], False),
    "candidates": (QgsCategorizedSymbolRenderer, "kind",
                   ["unsupplied", "idle", "underused", "not_operating", "low_efficiency"], True),
    "parks": (QgsSingleSymbolRenderer, None, None, True),
    "diagnostics": (None, None, None, False),
}


def qgis_layer_styles_ddl():
    """The CREATE TABLE of layer_styles as QGIS itself makes it when it saves a style to a GeoPackage."""
    folder = tempfile.mkdtemp(prefix="check-styles-")
    try:
        path = os.path.join(folder, "qgis.gpkg")
        memory = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "t", "memory")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "t"
        QgsVectorFileWriter.writeAsVectorFormatV2(memory, path, QgsCoordinateTransformContext(), options)
        written = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
        written.saveStyleToDatabase("s", "", True, "")
        del written
        db = sqlite3.connect(path)
        ddl = db.execute("SELECT sql FROM sqlite_master WHERE name = 'layer_styles'").fetchone()
        db.close()
        return ddl[0] if ddl else None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_layers(gpkg, aliases, styles, has_styles, industries, summary):
    failures = summary["failures"]

    def check(ok, what):
        if not ok:
            failures.append(what)
        return ok

    qgis_ddl = qgis_layer_styles_ddl()
    check(qgis_ddl is not None and qgis_ddl == summary.get("layer_styles_ddl"),
          f"layer_styles schema differs from the one QGIS creates: {summary.get('layer_styles_ddl')} vs {qgis_ddl}")

    check(has_styles, "no layer_styles table")
    for table, name, default, qml in styles:
        try:
            ET.fromstring(qml)
        except ET.ParseError as e:
            check(False, f"{table}/{name}: style QML not well-formed: {e}")
    for table in EXPECTED:
        check(sum(1 for s in styles if s[0] == table and s[2]) == 1, f"{table}: not exactly one default style")

    for name, (renderer_cls, field, classes, labelled) in EXPECTED.items():
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        info = {}
        summary["layers"][name] = info
        if not check(layer.isValid(), f"{name}: layer not valid"):
            continue
        info["features"] = layer.featureCount()
        renderer = layer.renderer()
        info["renderer"] = renderer.type() if renderer else None
        if renderer_cls is not None:
            check(isinstance(renderer, renderer_cls),
                  f"{name}: renderer {info['renderer']}, expected {renderer_cls.__name__}")
        if isinstance(renderer, QgsCategorizedSymbolRenderer):
            check(renderer.classAttribute() == field, f"{name}: classified by {renderer.classAttribute()}")
            info["classes"] = [c.value() for c in renderer.categories()]
            info["labels"] = [c.label() for c in renderer.categories()]
            check(info["classes"] == classes, f"{name}: classes {info['classes']}, expected {classes}")
            check(all(info["labels"]), f"{name}: a class without legend label")
        elif isinstance(renderer, QgsGraduatedSymbolRenderer):
            check(renderer.classAttribute() == field, f"{name}: classified by {renderer.classAttribute()}")
            ranges = [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()]
            info["ranges"] = ranges
            contiguous = all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1))
            check(len(ranges) >= 3 and ranges[0][0] == 0 and ranges[-1][1] == 100 and contiguous,
                  f"{name}: ranges {ranges} do not cover 0–100 contiguously")
        elif isinstance(renderer, QgsRuleBasedRenderer):
            rules = renderer.rootRule().descendants()
            info["rules"] = [(r.label(), r.filterExpression()) for r in rules]
            for value in ("redline", "farmland"):
                check(any(f"'{value}'" in r.filterExpression() and "sliver" in r.filterExpression() for r in rules),
                      f"{name}: no rule for {value} by sliver")
            check(any("= 1" in r.filterExpression() and r.symbol() is not None and
                      any(sl.layerType() == "LinePatternFill" for sl in r.symbol().symbolLayers()) for r in rules),
                  f"{name}: slivers are not hatched")
        elif isinstance(renderer, QgsSingleSymbolRenderer) and name == "parks":
            fill = renderer.symbol().symbolLayer(0)
            info["fill_alpha"] = fill.color().alpha()
            check(fill.brushStyle() == 0 or fill.color().alpha() == 0, f"{name}: parks are filled, not outlines")

        info["labels_enabled"] = layer.labelsEnabled()
        if labelled:
            check(layer.labelsEnabled() and layer.labeling() is not None, f"{name}: labels not enabled")
            if layer.labeling() is not None:
                info["label_field"] = layer.labeling().settings().fieldName
                want = "rank" if name == "candidates" else "name"
                check(want in info["label_field"], f"{name}: label {info['label_field']} does not show {want}")
                if name == "parks":
                    check("level" in info["label_field"], f"{name}: label does not show level")

        expected_aliases = aliases.get(name, {})
        check(bool(expected_aliases), f"{name}: no aliases in gpkg_data_columns")
        wrong = {f: (layer.attributeAlias(layer.fields().indexOf(f)), a) for f, a in expected_aliases.items()
                 if layer.fields().indexOf(f) < 0 or layer.attributeAlias(layer.fields().indexOf(f)) != a}
        info["aliases"] = len(expected_aliases) - len(wrong)
        check(not wrong, f"{name}: aliases missing or wrong (shown, expected): {wrong}")

        count, ids, names, descriptions, error = layer.listStylesInDatabase()
        info["styles"] = names
        if name == "parcels":
            for wanted in ("亩均效益等级", "产业地图"):
                check(wanted in names, f"parcels: style {wanted} not listed ({names})")
            for style_id, style_name in zip(ids, names):
                if style_name not in ("亩均效益等级", "产业地图"):
                    continue
                qml, err = layer.getStyleFromDatabase(style_id)
                doc = QDomDocument()
                doc.setContent(qml)
                other = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
                ok, message = other.importNamedStyle(doc)
                check(ok, f"parcels: style {style_name} does not load: {message}")
                r = other.renderer()
                values = [c.value() for c in r.categories()] if isinstance(r, QgsCategorizedSymbolRenderer) else None
                info[style_name] = values
                want = ["A", "B", "C", "D", "NA"] if style_name == "亩均效益等级" else industries + [""]
                check(values == want, f"parcels: style {style_name} classes {values}, expected {want}")
                check(other.attributeAlias(other.fields().indexOf("red_m2")) == expected_aliases.get("red_m2"),
                      f"parcels: style {style_name} lacks the aliases")


def main():
    if len(sys.argv) != 2 or not os.path.isfile(sys.argv[1]):
        print("usage: check_styles.py OUT.gpkg", file=sys.stderr)
        return 2
    gpkg = os.path.abspath(sys.argv[1])
    db = sqlite3.connect(gpkg)
    aliases = {}
    for table, column, title in db.execute("SELECT table_name, column_name, title FROM gpkg_data_columns"):
        aliases.setdefault(table, {})[column] = title
    ddl = db.execute("SELECT sql FROM sqlite_master WHERE name = 'layer_styles'").fetchone()
    has_styles = ddl is not None
    styles = db.execute("SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles").fetchall() \
        if has_styles else []
    industries = sorted(v for (v,) in db.execute(
        "SELECT DISTINCT industry FROM parcels WHERE industry IS NOT NULL AND industry <> ''"))
    db.close()

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    summary = {"gpkg": gpkg, "layers": {}, "failures": [], "layer_styles_ddl": ddl[0] if ddl else None}
    # Every layer object lives inside check_layers, so none outlives exitQgis (that crashes).
    check_layers(gpkg, aliases, styles, has_styles, industries, summary)
    app.exitQgis()
    failures = summary["failures"]
    summary["ok"] = not failures
    # One line per layer, so a caller can read a layer's facts without a JSON parser.
    lines = [f' "gpkg": {json.dumps(gpkg, ensure_ascii=False)},', ' "layers": {']
    items = list(summary["layers"].items())
    for i, (name, info) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        lines.append(f'  "{name}": {json.dumps(info, ensure_ascii=False, default=str)}{comma}')
    lines.append(" },")
    lines.append(f' "failures": {json.dumps(failures, ensure_ascii=False)},')
    lines.append(f' "ok": {json.dumps(summary["ok"])}')
    print("{\n" + "\n".join(lines) + "\n}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Opens the audit layers a run published to PostGIS through QGIS's own postgres provider, as a
QGIS user adding them from the Browser would (no style loaded by hand), and checks QGIS applied
the default style from public.layer_styles: parcels classified by status, the conflicts' rule
renderer, and Chinese field aliases. The expected renderer comes from the same rows, read with SQL.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/check_postgis_styles.py PORT SCHEMA
Prints a JSON summary; exits 1 when a check fails.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsDataSourceUri,  # noqa: E402
                       QgsRuleBasedRenderer, QgsVectorLayer)

port, schema = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
QgsApplication.setPrefixPath("/usr", True)
app.initQgis()
failures, layers = [], {}
for name, renderer_class in (("parcels", QgsCategorizedSymbolRenderer), ("conflicts", QgsRuleBasedRenderer)):
    uri = QgsDataSourceUri()
    uri.setConnection("127.0.0.1", port, "audit", "landaudit", "")
    uri.setDataSource(schema, name, "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), name, "postgres")
    if not layer.isValid():
        failures.append(f"{name}: QGIS cannot open {uri.uri(False)}")
        continue
    renderer = layer.renderer()
    info = {"features": layer.featureCount(), "renderer": type(renderer).__name__,
            "styles": layer.listStylesInDatabase()[2] if layer.listStylesInDatabase()[0] > 0 else []}
    if not isinstance(renderer, renderer_class):
        failures.append(f"{name}: renderer {type(renderer).__name__}, expected {renderer_class.__name__} "
                        "(default style from layer_styles not applied)")
    if name == "parcels":
        if isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() != "status":
            failures.append(f"parcels classified by {renderer.classAttribute()}, expected status")
        alias = layer.attributeAlias(layer.fields().indexOf("area_mu"))
        info["area_mu_alias"] = alias
        if "亩" not in alias:
            failures.append(f"parcels.area_mu alias {alias!r} has no 亩: aliases of the style not applied")
    layers[name] = info
print(json.dumps({"layers": layers, "failures": failures}, ensure_ascii=False))
app.exitQgis()
sys.exit(1 if failures else 0)

#!/usr/bin/python3
"""Opens every layer of a `landaudit compare` CHANGE.gpkg in PyQGIS the way QGIS does (no style
loaded by hand) and checks that QGIS applied the default style from layer_styles by itself: the
intended renderer on the intended field, and every category value present in the layer has a class
of its own. With a second argument, renders park_change, disposal and conflict_change to that PNG.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/check_compare_styles.py CHANGE.gpkg [OUT.png]
Prints a JSON summary; exits 1 when a check fails, 2 on a usage error.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer,  # noqa: E402
                       QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

EXPECTED = {  # layer → (renderer class, classified field)
    "park_change": (QgsGraduatedSymbolRenderer, "unsup_rat"),
    "parcel_change": (QgsCategorizedSymbolRenderer, "change"),
    "disposal": (QgsCategorizedSymbolRenderer, "outcome"),
    "conflict_change": (QgsCategorizedSymbolRenderer, "change"),
}


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    gpkg = argv[1]
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    summary, failures, layers = {}, [], {}
    settings = job = layer = order = None
    for name, (renderer_class, field) in EXPECTED.items():
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            failures.append(f"{name}: does not load")
            continue
        layers[name] = layer
        r = layer.renderer()
        info = {"renderer": type(r).__name__, "features": layer.featureCount()}
        if not isinstance(r, renderer_class):
            failures.append(f"{name}: renderer {type(r).__name__}, not {renderer_class.__name__}")
        elif r.classAttribute() != field:
            failures.append(f"{name}: classified on {r.classAttribute()}, not {field}")
        elif isinstance(r, QgsCategorizedSymbolRenderer):
            classes = {c.value() for c in r.categories()}
            values = {f[field] for f in layer.getFeatures()}
            info["values"] = sorted(values)
            if values - classes:
                failures.append(f"{name}: values without a class: {sorted(values - classes)}")
        summary[name] = info
    if len(argv) == 3 and layers:
        settings = QgsMapSettings()
        order = [layers[n] for n in ("conflict_change", "disposal", "park_change") if n in layers]
        settings.setLayers(order)
        # the first park: the parks of a region lie far apart
        extent = QgsRectangle(next(layers["park_change"].getFeatures()).geometry().boundingBox()) \
            if "park_change" in layers else order[0].extent()
        extent.scale(1.05)
        settings.setExtent(extent)
        settings.setOutputSize(QSize(1400, 900))
        settings.setBackgroundColor(QColor("white"))
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        job.renderedImage().save(argv[2])
        summary["png"] = argv[2]
    print(json.dumps({"layers": summary, "failures": failures}, ensure_ascii=False, indent=1), flush=True)
    # Layers and the map job must go before QGIS does, or it crashes on exit.
    settings = job = layer = order = None
    layers.clear()
    app.exitQgis()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

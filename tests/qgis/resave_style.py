#!/usr/bin/python3
"""Does what a GIS person does to restyle: opens a layer of an output GeoPackage in QGIS (its
default style applies), recolours its first class and saves the style as a QML file with
QGIS's own Save Style (all categories).

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/resave_style.py OUT.gpkg LAYER R,G,B OUT.qml
Prints the saved file's path; exits 1 when QGIS cannot load or save the style.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def resave(gpkg, name, rgb, out):
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        print(f"{name}: layer not valid", file=sys.stderr)
        return 1
    renderer = layer.renderer().clone()
    categories = renderer.categories()
    if not categories:
        print(f"{name}: default style is not categorized", file=sys.stderr)
        return 1
    symbol = categories[0].symbol().clone()
    symbol.symbolLayer(0).setColor(QColor(*rgb))
    renderer.updateCategorySymbol(0, symbol)
    layer.setRenderer(renderer)
    message, ok = layer.saveNamedStyle(out)
    if not ok:
        print(f"{name}: cannot save {out}: {message}", file=sys.stderr)
        return 1
    print(out)
    return 0


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    gpkg, name, rgb, out = sys.argv[1:]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    code = resave(os.path.abspath(gpkg), name, [int(v) for v in rgb.split(",")], os.path.abspath(out))
    app.exitQgis()
    return code


if __name__ == "__main__":
    sys.exit(main())

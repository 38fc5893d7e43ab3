#!/usr/bin/python3
"""Opens every Shapefile (and .dbf table) that `landaudit export --format shp` wrote into a folder
in PyQGIS, the way QGIS opens a file a person drags in: QGIS itself picks the .dbf encoding from
the .cpg and applies the .qml beside it as the layer's style. Prints, for the C++ test
(tests/cli/export_test.cpp) to compare with the GeoPackage:

  layer <TAB> name <TAB> valid <TAB> features <TAB> renderer type or none <TAB> encoding <TAB> fields with an alias
  value <TAB> name <TAB> field <TAB> the first feature's text (tabs and line breaks as spaces)

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/export/check_shapefile_qgis.py FOLDER
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402


def flat(text):
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def main(folder):
    names = sorted(f for f in os.listdir(folder)
                   if f.endswith(".shp") or (f.endswith(".dbf") and not os.path.exists(os.path.join(folder, f[:-4] + ".shp"))))
    for file in names:
        name = file[:-4]
        layer = QgsVectorLayer(os.path.join(folder, file), name, "ogr")
        renderer = layer.renderer().type() if layer.isValid() and layer.renderer() else "none"
        fields = layer.fields()
        aliased = sum(1 for i in range(fields.count()) if layer.attributeAlias(i))
        print("\t".join(["layer", name, str(layer.isValid()), str(layer.featureCount()), renderer,
                         layer.dataProvider().encoding() if layer.isValid() else "", str(aliased)]))
        feature = next(layer.getFeatures(), None)
        if feature is None:
            continue
        for i in range(fields.count()):
            value = feature.attribute(i)
            if isinstance(value, str):
                print("\t".join(["value", name, fields.at(i).name(), flat(value)]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_shapefile_qgis.py FOLDER")
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        main(sys.argv[1])
    finally:
        app.exitQgis()

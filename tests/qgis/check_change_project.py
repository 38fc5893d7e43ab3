#!/usr/bin/python3
"""Opens NAME.qgz with PyQGIS and reports the layers of its change group (the layers of the change
GeoPackage beside the output, NAME_change.gpkg): valid, feature count, the file they read
(relative to the project), renderer class and classified field; and each park layout's figure
table text. QGIS draws the layers with the styles written into the project (from the QML files the
change GeoPackage's layer_styles holds too).

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/check_change_project.py NAME.qgz
Prints JSON {"groups": [...], "change": {layer name: {...}}, "layouts": {name: figures text}};
exits 2 on a usage error or when the project does not read.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsLayoutItemManualTable, QgsProject  # noqa: E402


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    project = QgsProject.instance()
    if not project.read(argv[1]):
        print(f"{argv[1]}: QGIS cannot read the project", file=sys.stderr)
        return 2
    root = project.layerTreeRoot()
    out = {"groups": [g.name() for g in root.children()], "change": {}, "layouts": {}}
    for group in root.children():
        if "Change" not in group.name():
            continue
        for node in group.findLayers():
            layer = node.layer()
            info = {"id": node.layerId(), "valid": bool(layer and layer.isValid()), "checked": node.isVisible()}
            if layer and layer.isValid():
                r = layer.renderer()
                info.update({
                    "features": layer.featureCount(),
                    "source": layer.source(),
                    "renderer": type(r).__name__ if r else None,
                    "attr": r.classAttribute() if r and hasattr(r, "classAttribute") else None,
                    "spatial": layer.isSpatial(),
                })
            out["change"][node.name()] = info
    for layout in project.layoutManager().layouts():
        texts = []
        for frame in layout.multiFrames():
            if isinstance(frame, QgsLayoutItemManualTable):
                texts.extend(" | ".join(str(c.content()) for c in row) for row in frame.tableContents())
        out["layouts"][layout.name()] = texts
    print(json.dumps(out, ensure_ascii=False, indent=1))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

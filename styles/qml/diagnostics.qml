<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" hasScaleBasedVisibilityFlag="0" styleCategories="Symbology|Labeling|Fields|Rendering|CustomProperties" minScale="1e+08" maxScale="0">
  <customproperties>
    <Option type="Map">
      <Option name="landaudit/default" value="1" type="QString"/>
      <Option name="landaudit/description" value="数据问题诊断表(字段中文别名)" type="QString"/>
      <Option name="landaudit/style" value="数据问题" type="QString"/>
      <Option name="landaudit/table" value="diagnostics" type="QString"/>
    </Option>
  </customproperties>
  <aliases/>
  <layerGeometryType>4</layerGeometryType>
</qgis>

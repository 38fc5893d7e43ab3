<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="Symbology|Labeling|Fields|Rendering|CustomProperties" hasScaleBasedVisibilityFlag="0" maxScale="0">
  <customproperties>
    <Option type="Map">
      <Option type="QString" name="landaudit/default" value="1"/>
      <Option type="QString" name="landaudit/description" value="星级园区目标表: 各星级达到的园区数与目标(字段中文别名)"/>
      <Option type="QString" name="landaudit/style" value="星级园区目标"/>
      <Option type="QString" name="landaudit/table" value="star_targets"/>
    </Option>
  </customproperties>
  <aliases/>
  <layerGeometryType>4</layerGeometryType>
</qgis>

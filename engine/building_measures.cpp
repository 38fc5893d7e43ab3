// building_measures: being written.

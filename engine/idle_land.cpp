// idle_land: being written.

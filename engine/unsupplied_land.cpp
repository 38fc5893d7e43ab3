// unsupplied_land: being written.

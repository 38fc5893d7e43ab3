// intensity: being written.

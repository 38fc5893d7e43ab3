// intensity_grading: being written.

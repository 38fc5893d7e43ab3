// candidates: being written.

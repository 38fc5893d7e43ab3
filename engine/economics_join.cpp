// economics_join: being written.

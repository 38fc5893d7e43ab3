// rules_command: being written.

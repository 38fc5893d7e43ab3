// rule_set_loader: being written.

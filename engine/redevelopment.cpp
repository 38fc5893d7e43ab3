// redevelopment: being written.

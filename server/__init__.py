"""Everything with I/O: settings, the Redis store, socket handlers, HTTP routes, the CLI."""

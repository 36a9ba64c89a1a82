"""Where student code runs: the wire protocol, the worker, and the launcher with its limits."""

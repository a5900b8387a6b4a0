"""Build, search and decode: the only package that imports OR-Tools and PyVRP (with bench/)."""

"""English language data: the YAML files beside this module (see README.md)."""

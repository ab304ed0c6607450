"""Language rule files (YAML) shipped with namenorm: ``pl.yaml``, ``it.yaml``, ``en.yaml``."""

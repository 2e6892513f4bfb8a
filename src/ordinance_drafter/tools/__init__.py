"""Tools beside the pipeline: comparing drafts, redlines, the catalog and explorer,
library updates, and ``check``."""

"""Layout: the document model set on the GB/T 9704 grid, as pages of positioned items."""

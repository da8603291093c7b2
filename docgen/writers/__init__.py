"""Writers: each turns the document model (and its layout) into one file format."""

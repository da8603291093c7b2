"""Documents docgen did not make, and what ``docgen check`` must find in them (issue 15)."""

"""``docgen check``: measure a PDF or DOCX against the GB/T 9704-2012 figures.

extract (PDF → characters, lines, rules in mm) → identify (which line is which 公文
element) → rules (one module per group of checks) → findings → report.
"""

"""The editing loop: a resident process that builds a spec again on every save
(``docgen watch``) and a local page that shows the pages as they change
(``docgen preview``).  Both keep fonts, compiled templates and set paragraphs in memory
between builds, so a rebuild costs only what changed."""

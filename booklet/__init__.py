"""The printable booklet: prepares the document mkdocs-with-pdf assembles and
renders it into one PDF per paper size. Entry point: booklet/hook.py."""

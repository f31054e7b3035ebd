"""Printable reports of a result: a radar chart drawn on the server as SVG (``svg.py``),
the report's content (``content.py``) and the PDF made from it with WeasyPrint (``pdf.py``).

No browser and no plotly at runtime: a report is HTML with an inline SVG, rendered offline.
"""

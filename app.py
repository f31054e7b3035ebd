"""WSGI entry point: ``flask --app app run`` or ``gunicorn app:app``."""

import gc

from zzcheck import create_app

app = create_app()
# What start-up made (libraries, templates, questionnaires) lives as long as the process:
# taken out of the garbage collector's sight, a full collection walks only what requests
# make. It halved the team report's PDF time (bench/bench_pdf.py does the same).
gc.freeze()

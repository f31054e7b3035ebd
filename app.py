"""WSGI entry point: ``flask --app app run`` or ``gunicorn app:app``."""

import gc
import os
import sys
from pathlib import Path

from zzcheck import create_app
from zzcheck.config import require_secret_key
from zzcheck.report.pdf import warm_up

SERVER = not os.environ.get("FLASK_RUN_FROM_CLI")  # a server's worker, not a `flask …` command
APP_LOAD_ERROR = 4  # gunicorn stops on this exit status instead of restarting the worker

try:
    app = create_app()
    if SERVER:
        require_secret_key(app.config)  # commands run without it; serving requests needs it
except SystemExit as stop:  # a start-up error with its message (settings, questionnaires …)
    if not SERVER or not isinstance(stop.code, str):
        raise
    print(stop.code, file=sys.stderr)
    raise SystemExit(APP_LOAD_ERROR) from None
if SERVER:
    warm_up(Path(app.static_folder or "static"))  # fonts loaded before the first report
# What start-up made (libraries, templates, questionnaires, fonts) lives as long as the
# process: taken out of the garbage collector's sight, a full collection walks only what
# requests make. It halved the team report's PDF time (bench/bench_pdf.py does the same).
gc.freeze()

"""zzcheck: the KI-Readiness-Check of the Zukunftszentren.

``create_app`` is a short list of ``register_*`` steps; each lives beside what it sets up.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from zzcheck.config import PROJECT_ROOT, ConfigError, check_secret_key, from_environment


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    try:
        app.config.from_mapping(from_environment(app.instance_path))
    except ConfigError as error:  # a message naming each variable, not a traceback
        raise SystemExit(f"zzcheck: invalid settings in the environment:\n{error}") from None
    if test_config:
        app.config.from_mapping(test_config)
    check_secret_key(app.config, debug=app.debug, instance_path=app.instance_path)

    from zzcheck import assets, cli, i18n, registry, web
    from zzcheck.storage import setup as storage_setup

    registry.register_questionnaires(app)
    storage_setup.register_database(app)
    i18n.register_i18n(app)
    assets.register_assets(app)
    web.register_blueprints(app)
    cli.register_cli(app)
    return app

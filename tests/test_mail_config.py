"""The SMTP settings (``ZZCHECK_SMTP_*``): read with the typed environment reader, a bad
value named at start, and no server configured means no mail."""

from __future__ import annotations

import pytest

from zzcheck.config import ConfigError, from_environment
from zzcheck.mail import SmtpSettings


def test_the_smtp_settings_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    for name, value in {
        "ZZCHECK_SMTP_HOST": "mail.example.org",
        "ZZCHECK_SMTP_PORT": "2525",
        "ZZCHECK_SMTP_USER": "check",
        "ZZCHECK_SMTP_PASSWORD": "geheim",
        "ZZCHECK_SMTP_STARTTLS": "off",
        "ZZCHECK_SMTP_FROM": "check@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    settings = SmtpSettings.from_config(from_environment(str(tmp_path)))
    assert settings == SmtpSettings(
        host="mail.example.org",
        port=2525,
        user="check",
        password="geheim",
        starttls=False,
        sender="check@example.org",
        timeout=10.0,
    )


def test_without_a_host_there_is_no_mail(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.delenv("ZZCHECK_SMTP_HOST", raising=False)
    config = from_environment(str(tmp_path))
    assert SmtpSettings.from_config(config) is None
    assert config["ZZCHECK_SMTP_STARTTLS"] is True  # the default when a host is set


def test_bad_values_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("ZZCHECK_SMTP_PORT", "smtp")
    monkeypatch.setenv("ZZCHECK_SMTP_STARTTLS", "vielleicht")
    with pytest.raises(ConfigError) as error:
        from_environment(str(tmp_path))
    assert "ZZCHECK_SMTP_PORT='smtp'" in str(error.value)
    assert "ZZCHECK_SMTP_STARTTLS='vielleicht'" in str(error.value)

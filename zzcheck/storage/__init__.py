"""Persistence: SQLAlchemy 2 models and the use-case services (they flush, never commit).

``models`` the tables · ``assessments`` the respondent's use cases (start, save a page,
complete, delete) · ``versions`` pinning to a questionnaire snapshot · ``export`` the
respondent's download · ``profile`` the company-profile codes · ``demo`` demo data ·
``schema``/``setup`` migrations and engine set-up · ``health`` the database check.
"""

"""Programme analytics: k-anonymous aggregates, item statistics and peer comparisons.

No Flask here (import-linter checks it); SQLAlchemy queries are this layer's data access,
the maths takes plain data and DataFrames. Where to look:

* ``aggregate.py`` – ``AggregateQuery`` → ``Aggregate`` (groups, subtotals, total), with
  ``queries.py`` (the SQL, and why it is shaped so), ``stats.py`` (means and quantiles from
  value counts), ``frames.py`` (packed scores → pandas) and ``keys.py`` (group keys,
  hierarchies).
* ``privacy.py`` – k (``ZZCHECK_MIN_GROUP_SIZE``, default 5, never below 3), primary and
  complementary suppression.
* ``export.py`` – CSV and XLSX; ``labels.py`` – names in German and English.
* ``charts.py`` – Plotly figure dicts of aggregates; ``items.py`` with ``reliability.py`` –
  item statistics; ``peers.py`` – the peer comparison on the result page (what it publishes
  and why), ``peer_snapshot.py`` – taking its daily snapshot.
* ``setting.py`` – what the page and the CLI pass in (questionnaire, centres, k).
"""

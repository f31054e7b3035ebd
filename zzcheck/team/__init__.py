"""Team mode's analysis, in plain Python (no Flask, no SQL): what a campaign page may show of
many anonymous answers, and nothing that identifies a person.

The rules, in one place (``groups``): nothing is shown below ``MIN_ANSWERS`` answers; a
group of respondents (role, or role and area) is shown only from the campaign's group size
(never below 3); a figure over everyone is never shown beside groups if the hidden rest is
smaller than that size (complementary suppression: subtraction would reveal it); quartiles
only over at least ``QUANTILE_FACTOR`` · k values. The results are computed once, when the
campaign closes, and stored (``snapshot``; ``storage.campaign_results``): two views at
different times can never be subtracted.
"""

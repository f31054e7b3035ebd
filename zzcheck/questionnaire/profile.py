"""The coarse company profile: the allowed codes (with German and English labels).

Stored as codes, so aggregates group by them and labels can change without a migration:
industry = WZ 2008 section, size = employee class, state = ISO 3166-2 code.
"""

from __future__ import annotations

from collections.abc import Mapping

Labels = Mapping[str, tuple[str, str]]  # code → (German, English)

INDUSTRIES: Labels = {
    "A": ("Land- und Forstwirtschaft, Fischerei", "Agriculture, forestry and fishing"),
    "B": ("Bergbau und Gewinnung von Steinen und Erden", "Mining and quarrying"),
    "C": ("Verarbeitendes Gewerbe", "Manufacturing"),
    "D": ("Energieversorgung", "Electricity, gas, steam and air conditioning supply"),
    "E": ("Wasserversorgung, Abwasser- und Abfallentsorgung", "Water supply, sewerage and waste"),
    "F": ("Baugewerbe", "Construction"),
    "G": (
        "Handel; Instandhaltung und Reparatur von Kfz",
        "Wholesale and retail trade; repair of motor vehicles",
    ),
    "H": ("Verkehr und Lagerei", "Transportation and storage"),
    "I": ("Gastgewerbe", "Accommodation and food service"),
    "J": ("Information und Kommunikation", "Information and communication"),
    "K": ("Finanz- und Versicherungsdienstleistungen", "Financial and insurance activities"),
    "L": ("Grundstücks- und Wohnungswesen", "Real estate activities"),
    "M": (
        "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
        "Professional, scientific and technical activities",
    ),
    "N": ("Sonstige wirtschaftliche Dienstleistungen", "Administrative and support services"),
    "O": (
        "Öffentliche Verwaltung, Verteidigung, Sozialversicherung",
        "Public administration, defence, social security",
    ),
    "P": ("Erziehung und Unterricht", "Education"),
    "Q": ("Gesundheits- und Sozialwesen", "Human health and social work"),
    "R": ("Kunst, Unterhaltung und Erholung", "Arts, entertainment and recreation"),
    "S": ("Sonstige Dienstleistungen", "Other service activities"),
    "T": ("Private Haushalte mit Hauspersonal", "Households as employers"),
    "U": ("Exterritoriale Organisationen und Körperschaften", "Extraterritorial organisations"),
}

SIZES: Labels = {
    "1-9": ("1 bis 9 Beschäftigte", "1 to 9 employees"),
    "10-49": ("10 bis 49 Beschäftigte", "10 to 49 employees"),
    "50-249": ("50 bis 249 Beschäftigte", "50 to 249 employees"),
    "250+": ("250 Beschäftigte und mehr", "250 employees or more"),
}

STATES: Labels = {
    "DE-BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "DE-BY": ("Bayern", "Bavaria"),
    "DE-BE": ("Berlin", "Berlin"),
    "DE-BB": ("Brandenburg", "Brandenburg"),
    "DE-HB": ("Bremen", "Bremen"),
    "DE-HH": ("Hamburg", "Hamburg"),
    "DE-HE": ("Hessen", "Hesse"),
    "DE-MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "DE-NI": ("Niedersachsen", "Lower Saxony"),
    "DE-NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "DE-RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "DE-SL": ("Saarland", "Saarland"),
    "DE-SN": ("Sachsen", "Saxony"),
    "DE-ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "DE-SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "DE-TH": ("Thüringen", "Thuringia"),
}

WORKS_COUNCIL: Labels = {
    "yes": ("Ja", "Yes"),
    "no": ("Nein", "No"),
    "unknown": ("Weiß nicht", "Don't know"),
}

ROLES: Labels = {
    "owner": ("Inhaber/in oder Geschäftsführung", "Owner or manager"),
    "employee": ("Beschäftigte/r", "Employee"),
    "works_council": ("Mitglied des Betriebsrats", "Works council member"),
}

PROFILE_FIELDS: Mapping[str, Labels] = {
    "industry": INDUSTRIES,
    "size": SIZES,
    "state": STATES,
    "works_council": WORKS_COUNCIL,
    "role": ROLES,
}


def label(field: str, code: str, lang: str = "de") -> str:
    """The label of a profile code in ``lang`` (German unless "en"); the code if unknown."""
    labels = PROFILE_FIELDS[field].get(code)
    if labels is None:
        return code
    return labels[1] if lang == "en" else labels[0]


def choices(field: str, lang: str = "de") -> list[tuple[str, str]]:
    """``(code, label)`` pairs in a fixed order, e.g. for a form's select field."""
    return [(code, label(field, code, lang)) for code in PROFILE_FIELDS[field]]


def profile_problems(profile: Mapping[str, object]) -> list[str]:
    """Unknown keys or codes, one message each; an empty list means the profile is valid.

    A field may be missing (the respondent chose not to say); it is then stored as NULL.
    """
    problems = [f"unknown profile field {key!r}" for key in profile if key not in PROFILE_FIELDS]
    for key, labels in PROFILE_FIELDS.items():
        value = profile.get(key)
        if value is not None and value not in labels:
            problems.append(f"{key}: {value!r} is not one of {', '.join(labels)}")
    return problems

"""The staff roles of the site; each is a Django group whose permissions the owning app grants."""

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
ADMISSIONS = "Admissions"

ALL_ROLES = (EDITORS, CLINICAL_REVIEWERS, ADMISSIONS)

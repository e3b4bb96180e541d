"""The staff roles of the site; each is a Django group whose permissions the owning app grants."""

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
ADMISSIONS = "Admissions"
#: Keeps the public disclosures true: licences and accreditations, the "who answers" sentence, policy pages.
COMPLIANCE = "Compliance"

ALL_ROLES = (EDITORS, CLINICAL_REVIEWERS, ADMISSIONS, COMPLIANCE)

"""Least-privilege permissions on the trust records (issue 12), per staff role.

- Clinical reviewers add and change levels of care and medications: what we offer is a clinical claim,
  and nobody else may widen it. Editors only view them, to know what a page may say.
- Compliance adds and changes licences and accreditations (and so sees the expiry report) and edits the
  "Trust and disclosures" settings (who answers the phone, the policy pages); it views the levels of
  care and medications it checks the site against.
- Admissions keeps the insurers and their network status (granted in 0002_editorial_workflow).
- Nobody but a superuser deletes any of them: a record that stops being true is unticked or expires,
  so the history of what was claimed stays visible. Part 2 consent versions are superuser-only
  (intake/consent_admin.py) and carry no grantable permissions at all.
"""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

VIEW_SERVICES = ["view_levelofcare", "view_medication"]
EDIT_SERVICES = ["add_levelofcare", "change_levelofcare", *VIEW_SERVICES, "add_medication", "change_medication"]
COMPLIANCE = ["add_credential", "change_credential", "view_credential", "change_trustsettings", *VIEW_SERVICES]


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_services_links_and_names"),
        ("accounts", "0003_compliance_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        grant_role_permissions("Editors", "pages", VIEW_SERVICES),
        grant_role_permissions("Clinical reviewers", "pages", EDIT_SERVICES),
        grant_role_permissions("Compliance", "pages", COMPLIANCE),
    ]

"""The request page's record tables (audit trail, contact attempts, disclosures), as Wagtail admin tables.

Rows outlive the staff accounts they name (SET_NULL), so an empty "who" says what it means instead of
showing nothing: a deleted account, or for the audit trail the system or the visitor.
"""

from wagtail.admin.ui.tables import Column, Table


def _who(attribute, nobody, label="Who"):
    return Column(attribute, label=label, accessor=lambda row: getattr(row, attribute) or nobody)


def audit_table(events):
    return Table(
        [
            Column("at", label="When"),
            _who("actor", "system / visitor"),
            Column("action", label="What", accessor="get_action_display"),
            Column("detail", label="Details"),
        ],
        events,
    )


def attempts_table(attempts):
    return Table(
        [
            Column("at", label="When"),
            _who("staff", "(deleted user)"),
            Column("channel", label="How", accessor="get_channel_display"),
            Column("outcome", label="Outcome", accessor="get_outcome_display"),
        ],
        attempts,
    )


def disclosures_table(disclosures):
    return Table(
        [
            Column("disclosed_on", label="Date"),
            Column("recipient", label="Recipient"),
            Column("method", label="How", accessor="get_method_display"),
            Column("information", label="What"),
            Column("purpose", label="Purpose"),
            _who("disclosed_by", "a deleted user", label="By"),
        ],
        disclosures,
    )

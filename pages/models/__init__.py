"""Page models, one module per kind of page; re-exported here for Django and Wagtail."""

# Trust and disclosures (pages/disclosures.py, pages/services.py).
from pages.disclosures import Credential, TrustSettings  # noqa: F401
from pages.services import LevelOfCare, Medication  # noqa: F401
from pages.snippets import DrugClass, MedicalReviewer  # noqa: F401

from .articles import DrugIndexPage, DrugPage, DrugStreetName, SimilarDrugLink  # noqa: F401
from .comparisons import ComparisonPage  # noqa: F401
from .home import HomePage  # noqa: F401
from .programs import ContentPage, ProgramIndexPage, ProgramPage  # noqa: F401
from .self_checks import SelfCheckPage  # noqa: F401
from .settings import ContactSettings  # noqa: F401

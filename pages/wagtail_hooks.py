"""Admin registration for the content snippets, grouped under one menu item."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.snippets import DrugClass, InsuranceProvider, MedicalReviewer


class DrugClassViewSet(SnippetViewSet):
    model = DrugClass
    icon = "tag"
    list_display = ["name", "also_known_as"]
    search_fields = ["name", "also_known_as"]
    copy_view_enabled = False


class InsuranceProviderViewSet(SnippetViewSet):
    model = InsuranceProvider
    icon = "pick"
    list_display = ["name", "active", "sort_order"]
    list_filter = ["active"]
    search_fields = ["name"]
    copy_view_enabled = False


class MedicalReviewerViewSet(SnippetViewSet):
    model = MedicalReviewer
    icon = "user"
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials"]
    copy_view_enabled = False


class LibraryGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (DrugClassViewSet, InsuranceProviderViewSet, MedicalReviewerViewSet)


register_snippet(LibraryGroup)

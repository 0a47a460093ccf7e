"""The carer's allowance checker pages."""

app_name = "carers_allowance"

urlpatterns = []

"""The upload form and the column-mapping form."""

from django import forms

from carershub.imports.mapping import TARGETS, TARGETS_BY_NAME, column_label, mapping_problems
from carershub.imports.reading import MAX_FILE_BYTES

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the export",
        help_text="A CSV file or an Excel workbook (.xlsx), smaller than "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB. The first row must hold the column headings.",
        error_messages={
            "required": "Select a CSV file or Excel workbook",
            "empty": "The selected file is empty",
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-"
                "officedocument.spreadsheetml.sheet"
            }
        ),
    )
    source_system = forms.CharField(
        label="Which system is the file from?",
        help_text="For example, CarePoint. Use the same name each time you import from this "
        "system: it is how the hub recognises carers it has imported before.",
        max_length=60,
        error_messages={
            "required": "Enter the name of the system the file is from",
            "max_length": "The name of the system must be 60 characters or fewer",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED_EXTENSIONS):
            raise forms.ValidationError(
                "The selected file must be a CSV file or an Excel workbook (.xlsx)"
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        return upload

    def clean_source_system(self):
        name = " ".join(self.cleaned_data["source_system"].split())
        if not name:
            raise forms.ValidationError("Enter the name of the system the file is from")
        return name


CHOICES = [("", "Do not import")] + [(t.name, t.label) for t in TARGETS]


class MappingForm(forms.Form):
    """One select per column of the file: what, if anything, the column holds."""

    def __init__(self, *args, headings, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = headings
        for index, heading in enumerate(headings):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column_label(index, heading),
                choices=CHOICES,
                required=False,
                initial=mapping.get(str(index), ""),
                help_text=f"Column {index + 1}",
            )

    def mapping(self):
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_") and value
        }

    def clean(self):
        cleaned = super().clean()
        mapping = self.mapping()
        for target, message in mapping_problems(mapping).items():
            columns = [int(index) for index, chosen in mapping.items() if chosen == target]
            if target and len(columns) > 1:
                first = columns[0]
                for index in columns[1:]:
                    self.add_error(
                        f"column_{index}",
                        f"{TARGETS_BY_NAME[target].label} is already chosen for "
                        f"{column_label(first, self.headings[first])}: "
                        "choose it for one column only",
                    )
            else:
                self.add_error(None, message)
        return cleaned

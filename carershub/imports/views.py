"""Import pages for hub managers: upload, choose columns, check (the dry run), import, progress,
done.
"""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from carershub.accounts.permissions import permission_required, record_or_404, staff_required
from carershub.audit import services as auditor
from carershub.core.pagination import pagination_params
from carershub.core.text import set_download
from carershub.imports import selectors, services
from carershub.imports.forms import MappingForm, UploadForm
from carershub.imports.models import ImportRun, Status
from carershub.imports.presenters import (
    RunPresenter,
    next_page_url,
    plural,
    problem_rows,
    recent_run_rows,
)


@permission_required("imports.import_carers")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.start_import(
                request.actor,
                organisation=request.actor.organisation,
                data=upload.read(),
                filename=upload.name,
                source_system=form.cleaned_data["source_system"],
            )
        except services.UnreadableFile as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("imports:columns", run.pk)
    return render(
        request,
        "imports/upload.html",
        {
            "page_title": "Import carers from another system",
            "form": form,
            "runs": recent_run_rows(
                RunPresenter(run) for run in selectors.recent_runs(request.actor)
            ),
        },
    )


@permission_required("imports.import_carers")
@require_http_methods(["GET", "POST"])
def columns(request, run_id):
    """One select per column; "Check the file" is the dry run."""
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    if run.status not in {Status.UPLOADED, Status.VALIDATED, Status.FAILED}:
        return redirect(next_page_url(run))
    form = MappingForm(request.POST or None, headings=run.headings, mapping=run.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.set_mapping(request.actor, run, form.mapping())
            services.check(request.actor, run)
        except services.NotReady:
            pass  # already under way: its page says so
        except Exception:
            # Unreadable, or a fault in the hub: recorded on the import (and logged), and its
            # page says what went wrong and that nothing was added.
            pass
        run.refresh_from_db()
        return redirect(next_page_url(run))
    return render(
        request,
        "imports/columns.html",
        {"page_title": "Check the columns", "form": form, "run": RunPresenter(run)},
    )


@permission_required("imports.import_carers")
@require_GET
def results(request, run_id):
    """The dry run's results: counts, and each rejected row's line and problem."""
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    if run.status != Status.VALIDATED:
        return redirect(next_page_url(run))
    page = selectors.rejected_rows_page(request.actor, run, request.GET.get("page", 1))
    return render(
        request,
        "imports/results.html",
        {
            "page_title": "Results of the check",
            "run": RunPresenter(run),
            "page": page,
            "problems": problem_rows(page.object_list),
            "pagination": pagination_params(page),
            "import_button": f"Import {plural(run.new_count, 'carer')}",
        },
    )


@permission_required("imports.import_carers")
@require_POST
def publish(request, run_id):
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    try:
        services.start_publishing(request.actor, run)
    except services.AnotherImportPublishing as busy:
        messages.warning(request, str(busy))
    except services.NotReady:
        pass  # a second click: the import is already under way or done
    except Exception:
        # Rolled back and recorded on the import (and logged): its page says nothing was added.
        pass
    run.refresh_from_db()
    return redirect(next_page_url(run))


@permission_required("imports.import_carers")
@require_GET
def progress(request, run_id):
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    if run.status not in {Status.VALIDATING, Status.IMPORTING, Status.FAILED}:
        return redirect(next_page_url(run))
    presenter = RunPresenter(run)
    return render(
        request, "imports/progress.html", {"page_title": presenter.heading, "run": presenter}
    )


@permission_required("imports.import_carers")
@require_GET
def progress_status(request, run_id):
    """The progress page's script asks this every 2 seconds (no personal data in the answer)."""
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    return JsonResponse(RunPresenter(run).status_json())


@permission_required("imports.import_carers")
@require_GET
def done(request, run_id):
    run = record_or_404(
        request, selectors.runs_visible_to(request.actor), "imports.manage_import", pk=run_id
    )
    if run.status != Status.DONE:
        return redirect(next_page_url(run))
    return render(
        request, "imports/done.html", {"page_title": "Import complete", "run": RunPresenter(run)}
    )


@staff_required
@require_GET
def rejected_rows(request, run_id):
    """The rejected rows as CSV: for the uploader and the organisation's hub managers only."""
    run = record_or_404(
        request,
        selectors.runs_visible_to(request.actor),
        "imports.download_rejected_rows",
        pk=run_id,
    )
    content = services.rejected_rows_csv(run)
    if content is None:
        return render(
            request,
            "imports/rejected_gone.html",
            {"page_title": "The file of rejected rows has been deleted", "run": RunPresenter(run)},
            status=410,
        )
    auditor.exported(request.actor, ImportRun, [run.pk], fmt="csv", fields=["rejected_file"])
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    # A name with no personal data in it: downloads folders and browser histories are not private.
    set_download(response, f"rejected-rows-import-{run.pk}.csv")
    response["Cache-Control"] = "private, no-store"
    return response

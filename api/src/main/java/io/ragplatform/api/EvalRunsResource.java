package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.report.ComparisonHtml;
import io.ragplatform.eval.report.ComparisonMarkdown;
import io.ragplatform.eval.report.ComparisonReport;
import io.ragplatform.eval.report.ReportHtml;
import io.ragplatform.eval.report.ReportLinks;
import io.ragplatform.eval.report.ReportMarkdown;
import io.ragplatform.eval.report.RunReport;
import io.ragplatform.eval.run.RunConfig;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.run.RunMetrics;
import io.ragplatform.eval.run.RunOutcome;
import io.ragplatform.eval.run.RunSpec;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunRecord;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchMode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Evaluation runs: pinned, reproducible, stored with their per-item results; their reports and comparisons. */
@Path("/v1/eval/runs")
@Produces(MediaType.APPLICATION_JSON)
public class EvalRunsResource {
    static final String MARKDOWN = "text/markdown";
    private static final String HTML_UTF8 = MediaType.TEXT_HTML + ";charset=UTF-8";
    private static final String MARKDOWN_UTF8 = MARKDOWN + ";charset=UTF-8";
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    @Inject
    EvalService eval;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    Tombstones erasures;

    @Inject
    void erasures(RagEngine engine) {
        this.erasures = engine.tombstones();
    }

    // ------------------------------------------------------------------ runs

    /** The body of {@code POST /v1/eval/runs}. */
    public record RunRequest(
            String set, Integer version, String mode, Integer k, Long indexVersion, String license, Boolean async) {}

    @POST
    @RolesAllowed(Role.Names.WRITER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Evaluate a set version against an index version",
            description = "{\"set\", \"version\"? (default latest), "
                    + "\"mode\": hybrid|vector|keyword (default hybrid), \"k\" (default 10), \"indexVersion\"? (default current), \"license\"? (only documents of these licences, "
                    + "e.g. \"mit,cc-by-4.0\" or \"!proprietary\"), \"async\"? (true: 202 "
                    + "with a job whose result is the run, for large sets)}. Searches "
                    + "max(k,10) chunks per query on the pinned index version; document-level metrics (a sourceId ranks at its best chunk), "
                    + "chunk-level ones (prefixed chunk.) for chunk gold, 95% bootstrap intervals, groundedness of answers. The run and "
                    + "its per-item results are stored in Iceberg with every pin.")
    public Response run(RunRequest request) {
        String target = request == null ? null : request.set();
        return audit.record("run", target, () -> startRun(request), EvalRunsResource::runDetail);
    }

    static String runDetail(Response r) {
        return r.getEntity() instanceof EvalViews.RunView run
                ? "run " + run.pins().runId()
                : r.getEntity() instanceof EvalViews.ImportView job ? "job " + job.jobId() : null;
    }

    private Response startRun(RunRequest request) {
        if (request == null || request.set() == null || request.set().isBlank()) {
            throw ApiException.badRequest(
                    "invalid_request",
                    "the body needs \"set\": {\"set\", \"version\"?, \"mode\"?, \"k\"?, \"indexVersion\"?}");
        }
        RunSpec spec = new RunSpec(
                request.set().strip(),
                request.version(),
                SearchMode.parse(request.mode() == null ? "hybrid" : request.mode()),
                request.k() == null ? 10 : request.k(),
                request.indexVersion(),
                caller.scope(),
                LicenseFilter.parse(request.license() == null ? List.of() : List.of(request.license())));
        if (Boolean.TRUE.equals(request.async())) {
            Job job = eval.startRun(spec, caller.get().name());
            return Response.status(202)
                    .entity(new EvalViews.ImportView(job.id(), job.view().state(), job.view()))
                    .build();
        }
        RunOutcome out = eval.runner().run(spec);
        return Response.ok(EvalViews.RunView.of(out.run(), out.counts(), retained()))
                .build();
    }

    @GET
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "A set's runs, oldest first: the trend of its metrics")
    public EvalViews.RunsView runs(@QueryParam("set") @Parameter(description = "the set", required = true) String set) {
        Params.required("set", set);
        EvalStore store = eval.store();
        store.versions(set);
        java.util.Set<Long> retained = retained();
        return new EvalViews.RunsView(
                set,
                visible(store.runs(set)).stream()
                        .map(r -> EvalViews.RunView.of(
                                        r, RunCounts.of(store.results(r.pins().runId())), retained)
                                .erasedBy(erasures.all()))
                        .toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "A run: pins, metrics with 95% intervals, counts")
    public EvalViews.RunView getRun(@PathParam("id") String id) {
        RunRecord run = run(id);
        return EvalViews.RunView.of(run, RunCounts.of(eval.store().results(id)), retained())
                .erasedBy(erasures.all());
    }

    @POST
    @Path("/{id}/rerun")
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Run again with the same pins",
            description = "Same set version, index version, mode and k; answers the new run "
                    + "and whether its retrieval metrics equal the original's (they do while the index version is retained and the model "
                    + "is the same), with each metric's difference. A run whose pinned version an erasure dropped runs on "
                    + "the current version instead.")
    public EvalViews.RunView rerun(@PathParam("id") String id) {
        return audit.record(
                "rerun", id, () -> runAgain(id), r -> "run " + r.pins().runId());
    }

    private EvalViews.RunView runAgain(String id) {
        RunRecord original = run(id);
        long pinned = original.pins().indexVersion();
        // an erasure dropped the pinned version: the run is repeated on the current one, and the difference reported
        boolean erased = !erasures.affecting(id).isEmpty() && !retained().contains(pinned);
        RunOutcome again = eval.runner()
                .run(new RunSpec(
                        original.pins().set(),
                        original.pins().setVersion(),
                        SearchMode.parse(original.pins().mode()),
                        original.pins().k(),
                        erased ? null : pinned,
                        RunConfig.accessOf(original.pins().configJson()),
                        RunConfig.licensesOf(original.pins().configJson())));
        boolean identical = RunMetrics.sameRetrievalMetrics(
                        original.metrics(), again.run().metrics())
                && Objects.equals(original.pins().modelId(), again.run().pins().modelId());
        return EvalViews.RunView.of(
                        again.run(), again.counts(), retained(), original.pins().runId(), identical)
                .against(original.metrics());
    }

    @GET
    @Path("/{id}/results")
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary =
                    "Per-item results: retrieved chunks (rank, score) and sources, metrics, groundedness, support (the"
                            + " weakest claim's score) and claims")
    public EvalViews.ResultsView results(@PathParam("id") String id) {
        run(id);
        List<QueryResultRecord> results = eval.store().results(id);
        return new EvalViews.ResultsView(
                id,
                results.size(),
                results.stream().map(EvalViews.ResultView::of).toList());
    }

    @GET
    @Path("/compare")
    @RolesAllowed(Role.Names.READER)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MARKDOWN})
    @Operation(
            summary = "Candidate against base",
            description =
                    "Per metric: both means, the paired delta with its 95% bootstrap "
                            + "interval and sign-flip p-value; regressions (significantly worse) flagged; warnings when the runs' pins differ (set "
                            + "version, k, mode, model); the trend of the candidate's set across all its runs. format=json|html|md, or by Accept.")
    public Response compare(
            @QueryParam("base") String base,
            @QueryParam("candidate") String candidate,
            @QueryParam("format") @Parameter(description = "json | html | md (default: from Accept, else json)")
                    String format,
            @HeaderParam("Accept") String accept) {
        if (base == null || base.isBlank() || candidate == null || candidate.isBlank()) {
            throw ApiException.badRequest("invalid_request", "both 'base' and 'candidate' run IDs are required");
        }
        EvalStore store = eval.store();
        RunRecord b = run(base);
        RunRecord c = run(candidate);
        RunComparison comparison = RunMetrics.compare(
                store.results(b.pins().runId()), store.results(c.pins().runId()));
        ComparisonReport report = ComparisonReport.of(
                b, c, comparison, visible(store.runs(c.pins().set())));
        return switch (format(format, accept, "json")) {
            case "html" -> html(ComparisonHtml.render(report));
            case "md" ->
                Response.ok(ComparisonMarkdown.render(report), MARKDOWN_UTF8).build();
            default -> Response.ok(report, MediaType.APPLICATION_JSON).build();
        };
    }

    @GET
    @Path("/{id}/report")
    @RolesAllowed(Role.Names.READER)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON, MARKDOWN})
    @Operation(
            summary = "A run's report",
            description = "Pins; metric summary with 95% intervals (chart); distribution over items; "
                    + "the worst items with retrieved against gold, linked to chunks and source documents; groundedness with every "
                    + "unsupported claim. format=html (default) | md | json, or by Accept.")
    public Response report(
            @PathParam("id") String id,
            @QueryParam("format") @Parameter(description = "html | md | json (default: from Accept, else html)")
                    String format,
            @QueryParam("worst") @DefaultValue("20") @Parameter(description = "how many worst items to show")
                    String worst,
            @HeaderParam("Accept") String accept) {
        int worstCount = Params.integer("worst", worst);
        if (worstCount < 0 || worstCount > 1000) {
            throw ApiException.badRequest("invalid_request", "worst must be between 0 and 1000; was " + worstCount);
        }
        EvalStore store = eval.store();
        RunRecord run = run(id);
        RunReport report = RunReport.of(
                run, store.results(id), store.items(run.pins().set(), run.pins().setVersion()), worstCount);
        return switch (format(format, accept, "html")) {
            case "json" -> Response.ok(report, MediaType.APPLICATION_JSON).build();
            case "md" ->
                Response.ok(ReportMarkdown.render(report, ReportLinks.api()), MARKDOWN_UTF8)
                        .build();
            default -> html(ReportHtml.render(report, ReportLinks.api()));
        };
    }

    /**
     * A report page with a policy that lets it do nothing but show itself: its one inline style sheet and inline SVG,
     * no script, no fetch, no form, no framing by other sites (every value in it is escaped as well).
     */
    static Response html(String page) {
        return Response.ok(page, HTML_UTF8)
                .header("Content-Security-Policy", REPORT_CSP)
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The format asked for: the query parameter, else the Accept header's first known type, else the default. */
    static String format(String format, String accept, String fallback) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(java.util.Locale.ROOT);
            return switch (f) {
                case "html", "json" -> f;
                case "md", "markdown" -> "md";
                default ->
                    throw ApiException.badRequest(
                            "invalid_request", "format must be html, md or json; was '" + format + "'");
            };
        }
        if (accept != null) {
            for (String part : accept.split(",")) {
                String type = part.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
                switch (type) {
                    case MediaType.TEXT_HTML:
                        return "html";
                    case MARKDOWN:
                        return "md";
                    case MediaType.APPLICATION_JSON:
                        return "json";
                    default:
                        break;
                }
            }
        }
        return fallback;
    }

    // ------------------------------------------------------------------ helpers

    /** The index versions that can still be searched (and so re-run). */
    private java.util.Set<Long> retained() {
        return eval.retainedIndexVersions();
    }

    /**
     * The run, when the caller may see it: a run searched as its caller, so its results name what that caller could
     * read; another caller sees it only when it may read at least as much ({@link AccessScope#covers}), and otherwise
     * as if it did not exist.
     */
    private RunRecord run(String id) {
        return ApiException.found(eval.store().run(id).filter(this::visible), "no eval run with id '" + id + "'");
    }

    private boolean visible(RunRecord run) {
        return caller.scope().covers(RunConfig.accessOf(run.pins().configJson()));
    }

    private List<RunRecord> visible(List<RunRecord> runs) {
        return runs.stream().filter(this::visible).toList();
    }
}

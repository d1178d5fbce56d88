package io.ragplatform.api;

import io.ragplatform.eval.metrics.RunComparison;
import io.ragplatform.eval.run.RunCounts;
import io.ragplatform.eval.run.RunMetrics;
import io.ragplatform.eval.run.RunOutcome;
import io.ragplatform.eval.run.RunSpec;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalSetVersion;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunRecord;
import io.ragplatform.index.SearchMode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Evaluation sets (versioned in Iceberg) and runs (pinned, reproducible, stored with their per-item results). */
@Path("/v1/eval")
@Produces(MediaType.APPLICATION_JSON)
public class EvalResource {
    static final String NDJSON = "application/x-ndjson";

    private final EvalService eval;

    EvalResource(EvalService eval) {
        this.eval = eval;
    }

    // ------------------------------------------------------------------ sets

    @GET
    @Path("/sets")
    @Operation(summary = "Every eval set with its versions")
    public EvalViews.SetsView sets() {
        EvalStore store = eval.store();
        return new EvalViews.SetsView(store.sets().stream().map(name -> setView(store, name)).toList(), eval.describe());
    }

    @POST
    @Path("/sets/{name}")
    @Consumes({NDJSON, "application/jsonl", "application/json", MediaType.TEXT_PLAIN})
    @Operation(summary = "Create the next version of a set", description = "The body is NDJSON, one item per line: {\"id\", \"query\", "
            + "\"relevant\": [{\"sourceId\" | \"chunkId\", \"grade\"?}], \"answer\"?, \"contexts\"?: [text...]} (a JSON array of items "
            + "is accepted too). The version is an immutable Iceberg snapshot, tagged <name>-v<version>. Invalid items: 400 naming "
            + "each line, nothing stored.")
    public EvalViews.SetVersionView createVersion(@PathParam("name") String name, String body) {
        List<EvalItem> items = EvalItemsParser.parse(body);
        return EvalViews.SetVersionView.of(eval.store().createVersion(name, items));
    }

    @GET
    @Path("/sets/{name}")
    @Operation(summary = "A set's versions, oldest first")
    public EvalViews.SetView set(@PathParam("name") String name) {
        return setView(eval.store(), name);
    }

    @GET
    @Path("/sets/{name}/versions/{version}")
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "The items of one version, read from its snapshot (time travel)", description = "JSON by default; "
            + "Accept: application/x-ndjson gives the items one per line, ready to edit and POST as the next version.")
    public jakarta.ws.rs.core.Response version(@PathParam("name") String name, @PathParam("version") String version,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        EvalStore store = eval.store();
        int v = positive("version", version);
        EvalSetVersion meta = store.version(name, v);
        List<EvalItem> items = store.items(name, v);
        if (accept != null && accept.contains(NDJSON) && !accept.contains(MediaType.APPLICATION_JSON)) {
            StringBuilder out = new StringBuilder();
            for (EvalItem item : items) {
                out.append(Json.write(item)).append('\n');
            }
            return jakarta.ws.rs.core.Response.ok(out.toString(), NDJSON).build();
        }
        return jakarta.ws.rs.core.Response.ok(new EvalViews.SetItemsView(name, v, meta.snapshotId(), meta.createdAt(), items),
                MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/sets/{name}/diff")
    @Operation(summary = "What changed between two versions: item IDs added, removed, changed")
    public EvalViews.DiffView diff(@PathParam("name") String name,
            @QueryParam("from") @Parameter(description = "the older version (default: the one before 'to')") String from,
            @QueryParam("to") @Parameter(description = "the newer version (default: the latest)") String to) {
        EvalStore store = eval.store();
        List<EvalSetVersion> versions = store.versions(name);
        int t = to == null || to.isBlank() ? versions.get(versions.size() - 1).version() : positive("to", to);
        int f = from == null || from.isBlank() ? t - 1 : positive("from", from);
        if (f < 1) {
            throw ApiException.badRequest("invalid_request", "set '" + name + "' has one version only; nothing to diff against");
        }
        return EvalViews.DiffView.of(name, f, t, store.diff(name, f, t));
    }

    // ------------------------------------------------------------------ runs

    /** The body of {@code POST /v1/eval/runs}. */
    public record RunRequest(String set, Integer version, String mode, Integer k, Long indexVersion) {}

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a set version against an index version", description = "{\"set\", \"version\"? (default latest), "
            + "\"mode\": hybrid|vector|keyword (default hybrid), \"k\" (default 10), \"indexVersion\"? (default current)}. Searches "
            + "max(k,10) chunks per query on the pinned index version; document-level metrics (a sourceId ranks at its best chunk), "
            + "chunk-level ones (prefixed chunk.) for chunk gold, 95% bootstrap intervals, groundedness of answers. The run and "
            + "its per-item results are stored in Iceberg with every pin.")
    public EvalViews.RunView run(RunRequest request) {
        if (request == null || request.set() == null || request.set().isBlank()) {
            throw ApiException.badRequest("invalid_request", "the body needs \"set\": {\"set\", \"version\"?, \"mode\"?, \"k\"?, \"indexVersion\"?}");
        }
        RunSpec spec = new RunSpec(request.set().strip(), request.version(),
                SearchMode.parse(request.mode() == null ? "hybrid" : request.mode()), request.k() == null ? 10 : request.k(),
                request.indexVersion());
        RunOutcome out = eval.runner().run(spec);
        return EvalViews.RunView.of(out.run(), out.counts());
    }

    @GET
    @Path("/runs")
    @Operation(summary = "A set's runs, oldest first: the trend of its metrics")
    public EvalViews.RunsView runs(@QueryParam("set") @Parameter(description = "the set", required = true) String set) {
        if (set == null || set.isBlank()) {
            throw ApiException.badRequest("invalid_request", "the query parameter 'set' is required");
        }
        EvalStore store = eval.store();
        store.versions(set);
        return new EvalViews.RunsView(set, store.runs(set).stream()
                .map(r -> EvalViews.RunView.of(r, RunCounts.of(store.results(r.runId())))).toList());
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "A run: pins, metrics with 95% intervals, counts")
    public EvalViews.RunView getRun(@PathParam("id") String id) {
        RunRecord run = run(id);
        return EvalViews.RunView.of(run, RunCounts.of(eval.store().results(id)));
    }

    @POST
    @Path("/runs/{id}/rerun")
    @Operation(summary = "Run again with the same pins", description = "Same set version, index version, mode and k; answers the new run "
            + "and whether its retrieval metrics equal the original's (they do while the index version is retained and the model "
            + "is the same).")
    public EvalViews.RunView rerun(@PathParam("id") String id) {
        RunRecord original = run(id);
        RunOutcome again = eval.runner().run(new RunSpec(original.set(), original.setVersion(), SearchMode.parse(original.mode()),
                original.k(), original.indexVersion()));
        boolean identical = RunMetrics.sameRetrievalMetrics(original.metrics(), again.run().metrics())
                && Objects.equals(original.modelId(), again.run().modelId());
        return EvalViews.RunView.of(again.run(), again.counts(), original.runId(), identical);
    }

    @GET
    @Path("/runs/{id}/results")
    @Operation(summary = "Per-item results: retrieved chunks (rank, score) and sources, metrics, groundedness and claims")
    public EvalViews.ResultsView results(@PathParam("id") String id) {
        run(id);
        List<QueryResultRecord> results = eval.store().results(id);
        return new EvalViews.ResultsView(id, results.size(), results.stream().map(EvalViews.ResultView::of).toList());
    }

    @GET
    @Path("/runs/compare")
    @Operation(summary = "Candidate against base: per-metric paired delta, 95% interval, sign-flip p-value, regressions flagged")
    public EvalViews.CompareView compare(@QueryParam("base") String base, @QueryParam("candidate") String candidate) {
        if (base == null || base.isBlank() || candidate == null || candidate.isBlank()) {
            throw ApiException.badRequest("invalid_request", "both 'base' and 'candidate' run IDs are required");
        }
        RunRecord b = run(base);
        RunRecord c = run(candidate);
        List<QueryResultRecord> br = eval.store().results(b.runId());
        List<QueryResultRecord> cr = eval.store().results(c.runId());
        RunComparison comparison = RunMetrics.compare(br, cr);
        List<String> warnings = new ArrayList<>();
        if (!b.set().equals(c.set())) {
            warnings.add("the runs evaluate different sets: " + b.set() + " and " + c.set());
        } else if (b.setSnapshotId() != c.setSnapshotId()) {
            warnings.add("the runs evaluate different versions of the set (v" + b.setVersion() + " and v" + c.setVersion()
                    + "): only items in both are paired");
        }
        if (b.k() != c.k()) {
            warnings.add("the runs use different k (" + b.k() + " and " + c.k() + "): only ndcg@10 and groundedness compare");
        }
        if (!Objects.equals(b.modelId(), c.modelId())) {
            warnings.add("the runs used different embedding models: " + b.modelId() + " and " + c.modelId());
        }
        if (comparison.queries() < Math.max(br.size(), cr.size())) {
            warnings.add(comparison.queries() + " items paired of " + br.size() + " (base) and " + cr.size()
                    + " (candidate); the means shown are each run's own");
        }
        return new EvalViews.CompareView(EvalViews.RunView.of(b, RunCounts.of(br)), EvalViews.RunView.of(c, RunCounts.of(cr)),
                comparison.queries(), EvalViews.CompareView.deltas(b, c, comparison), comparison.regressions(), warnings);
    }

    // ------------------------------------------------------------------ helpers

    private RunRecord run(String id) {
        return eval.store().run(id).orElseThrow(() -> ApiException.notFound("no eval run with id '" + id + "'"));
    }

    private static EvalViews.SetView setView(EvalStore store, String name) {
        List<EvalSetVersion> versions = store.versions(name);
        return new EvalViews.SetView(name, versions.get(versions.size() - 1).version(),
                versions.stream().map(EvalViews.SetVersionView::of).toList());
    }

    private static int positive(String what, String value) {
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("invalid_request", what + " must be a version number (1, 2, ...); was '" + value + "'");
    }
}

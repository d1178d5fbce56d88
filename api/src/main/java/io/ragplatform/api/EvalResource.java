package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.eval.sets.ChatLogSetBuilder;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalSetVersion;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.ingest.Acl;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Evaluation sets, versioned in Iceberg: their versions, diffs, and the imports that make them (BEIR, chat logs). */
@Path("/v1/eval")
@Produces(MediaType.APPLICATION_JSON)
public class EvalResource {
    static final String NDJSON = "application/x-ndjson";

    @Inject
    EvalService eval;

    @Inject
    EvalImports imports;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    // ------------------------------------------------------------------ sets

    @GET
    @Path("/sets")
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "Every eval set with its versions")
    public EvalViews.SetsView sets() {
        EvalStore store = eval.store();
        return new EvalViews.SetsView(
                store.sets().stream().map(name -> setView(store, name)).toList(), eval.describe());
    }

    @POST
    @Path("/sets/{name}")
    @Consumes({NDJSON, "application/jsonl", "application/json", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Create the next version of a set",
            description =
                    "The body is NDJSON, one item per line: {\"id\", \"query\", "
                            + "\"relevant\": [{\"sourceId\" | \"chunkId\", \"grade\"?}], \"answer\"?, \"contexts\"?: [text...], \"label\"?: true|false}"
                            + " (label: whether the answer is known to be supported; a run over labelled answers reports"
                            + " support_auroc, groundedness_auroc and verdict_balanced_accuracy; a JSON array of items "
                            + "is accepted too). The version is an immutable Iceberg snapshot, tagged <name>-v<version>; the same items as the newest "
                            + "version store nothing and answer that version with \"unchanged\": true. Invalid items: 400 naming each line, nothing stored.")
    public EvalViews.SetVersionView createVersion(@PathParam("name") String name, String body) {
        return audit.record(
                "set",
                name,
                () -> EvalViews.SetVersionView.of(eval.store().storeVersion(name, EvalItemsParser.parse(body))),
                v -> "version " + v.version() + ", " + v.items() + " items");
    }

    /** Any other body type: say which types are accepted (curl's --data-binary sends form encoding unless told). */
    @POST
    @Path("/sets/{name}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.Names.WRITER)
    @Operation(hidden = true)
    public EvalViews.SetVersionView createVersionOtherType(
            @PathParam("name") String name, @HeaderParam("Content-Type") String contentType) {
        throw new ApiException(
                "unsupported_media_type",
                ErrorCategory.UNSUPPORTED,
                "send the items with Content-Type: application/x-ndjson (one JSON "
                        + "item per line) or application/json (an array); got '" + contentType
                        + "'. With curl: -H 'Content-Type: "
                        + "application/x-ndjson' --data-binary @items.ndjson");
    }

    @GET
    @Path("/sets/{name}")
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "A set's versions, oldest first")
    public EvalViews.SetView set(@PathParam("name") String name) {
        return setView(eval.store(), name);
    }

    @GET
    @Path("/sets/{name}/versions/{version}")
    @RolesAllowed(Role.Names.READER)
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(
            summary = "The items of one version, read from its snapshot (time travel)",
            description =
                    "JSON by default; "
                            + "Accept: application/x-ndjson gives the items one per line, ready to edit and POST as the next version.")
    public Response version(
            @PathParam("name") String name,
            @PathParam("version") String version,
            @HeaderParam("Accept") String accept) {
        EvalStore store = eval.store();
        int v = positive("version", version);
        EvalSetVersion meta = store.version(name, v);
        List<EvalItem> items = store.items(name, v);
        if (accept != null && accept.contains(NDJSON) && !accept.contains(MediaType.APPLICATION_JSON)) {
            StringBuilder out = new StringBuilder();
            for (EvalItem item : items) {
                out.append(Json.write(item)).append('\n');
            }
            return Response.ok(out.toString(), NDJSON).build();
        }
        return Response.ok(
                        new EvalViews.SetItemsView(name, v, meta.snapshotId(), meta.createdAt(), items),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/sets/{name}/diff")
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "What changed between two versions: item IDs added, removed, changed")
    public EvalViews.DiffView diff(
            @PathParam("name") String name,
            @QueryParam("from") @Parameter(description = "the older version (default: the one before 'to')")
                    String from,
            @QueryParam("to") @Parameter(description = "the newer version (default: the latest)") String to) {
        EvalStore store = eval.store();
        List<EvalSetVersion> versions = store.versions(name);
        int t = to == null || to.isBlank() ? versions.get(versions.size() - 1).version() : positive("to", to);
        int f = from == null || from.isBlank() ? t - 1 : positive("from", from);
        if (f < 1) {
            throw ApiException.badRequest(
                    "invalid_request", "set '" + name + "' has one version only; nothing to diff against");
        }
        return EvalViews.DiffView.of(name, f, t, store.diff(name, f, t));
    }

    // ------------------------------------------------------------------ imports

    @POST
    @Path("/sets/{name}/beir")
    @RolesAllowed(Role.Names.WRITER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Import a BEIR dataset zip",
            description =
                    "multipart 'file' = a BEIR zip (corpus.jsonl, queries.jsonl, "
                            + "qrels/<split>.tsv at its root or in one top-level folder). The corpus is ingested as documents (sourceId = BEIR doc "
                            + "id, title + text), then the split's judged queries become the set's next version. ?split= (default test, else the "
                            + "only split). A bad archive is a 400 at once; the import runs as a job: 200 with the result when it ends within a "
                            + "few seconds, else 202 with the jobId (GET /v1/jobs/{id} for progress and, when done, the result).")
    public Response beir(
            @PathParam("name") String name,
            @RestForm("file") @Parameter(description = "the BEIR zip") FileUpload file,
            @QueryParam("split") @Parameter(description = "the qrels split: test (default), dev, train ...")
                    String split,
            @RestForm("acl")
                    @Parameter(
                            description = "who may read the corpus's documents: a JSON array of group names, or "
                                    + "[\"public\"] (default)")
                    String acl) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.badRequest("missing_file", "the multipart field 'file' (a BEIR zip) is required");
        }
        if (file.size() == 0) {
            throw ApiException.badRequest("empty_file", "'" + file.fileName() + "' is empty (0 bytes)");
        }
        return audit.record(
                "import",
                name,
                () -> {
                    Job job = imports.beir(
                            name,
                            file.uploadedFile(),
                            split,
                            acl == null || acl.isBlank() ? Acl.PUBLIC_ONLY : AclField.parse(acl),
                            caller.get().name());
                    Views.JobView view = job.view();
                    if (job.failed()) {
                        throw new ApiException(
                                "import_failed",
                                ErrorCategory.INTERNAL,
                                "the BEIR import failed: " + view.error() + " (job " + job.id() + ")");
                    }
                    EvalViews.ImportView body = new EvalViews.ImportView(job.id(), view.state(), view);
                    return Response.status(job.running() ? 202 : 200)
                            .entity(body)
                            .build();
                },
                EvalRunsResource::runDetail);
    }

    @POST
    @Path("/sets/{name}/chatlog")
    @RolesAllowed(Role.Names.WRITER)
    @Consumes({NDJSON, "application/jsonl", "application/json", MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Build dev and test sets from a chat/query log",
            description = "Body: JSONL of {\"query\", \"answer\"?, "
                    + "\"cited\"?: [chunkId...], \"timestamp\"?, \"id\"?}. Queries are normalized, near-duplicates (Jaccard of word "
                    + "3-shingles >= threshold) clustered into one item with their citations unioned, and clusters split so that no "
                    + "near-duplicate crosses dev/test. Creates the next versions of <name>-dev and <name>-test.")
    public EvalImports.ChatLogView chatLog(
            @PathParam("name") String name,
            String body,
            @QueryParam("testFraction") @DefaultValue("0.5") @Parameter(description = "share of clusters in test, 0-1")
                    String testFraction,
            @QueryParam("threshold")
                    @DefaultValue("0.8")
                    @Parameter(description = "near-duplicate Jaccard threshold, 0-1")
                    String threshold,
            @QueryParam("seed") @DefaultValue("42") @Parameter(description = "seed of the split") String seed) {
        ChatLogSetBuilder.Options options;
        try {
            options = new ChatLogSetBuilder.Options(
                    Double.parseDouble(testFraction.strip()),
                    Double.parseDouble(threshold.strip()),
                    Long.parseLong(seed.strip()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "invalid_request",
                    "testFraction and threshold must be numbers and seed an integer: " + e.getMessage());
        }
        return audit.record(
                "import",
                name,
                () -> imports.chatLog(name, body, options),
                v -> "chat log: " + v.dev().name() + " v" + v.dev().version() + ", "
                        + v.test().name() + " v" + v.test().version());
    }

    // ------------------------------------------------------------------ helpers
    private static EvalViews.SetView setView(EvalStore store, String name) {
        List<EvalSetVersion> versions = store.versions(name);
        return new EvalViews.SetView(
                name,
                versions.get(versions.size() - 1).version(),
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
        throw ApiException.badRequest(
                "invalid_request", what + " must be a version number (1, 2, ...); was '" + value + "'");
    }
}

package io.ragplatform.api;

import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.READER)
public class SearchResource {
    private static final String LICENSE = "only chunks of documents of these licences: license=mit&license=cc-by-4.0 "
            + "or license=mit,cc-by-4.0; !x leaves licence x out (license=!proprietary)";

    private static final String NEAR_DUPLICATES = "near-duplicates";
    /** With collapse, the index is asked for this many times k candidates (at most {@link SearchRequest#MAX_K}). */
    private static final int OVER_FETCH = 4;

    private static final String COLLAPSE = "none (default) | near-duplicates: keep the best hit of each group of "
            + "near-duplicate documents (rag.governance.near-duplicate-threshold, among the documents the caller may "
            + "read): a hit all of whose documents are near-duplicates of a better hit's is folded into that hit's "
            + "'collapsed' list ({chunkId, score, documentIds}); k results are taken from k × 4 candidates (at most 1000), "
            + "fewer when more than that collapse";

    @Inject
    RagEngine engine;

    @Inject
    NearDuplicateService nearDuplicates;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(
            summary = "Search chunks",
            description = "hybrid: BM25 and vector results fused by reciprocal rank; vector: HNSW "
                    + "nearest neighbours; keyword: BM25. Each result lists where its chunk occurs; with "
                    + "collapse=near-duplicates, also the hits of near-duplicate documents it stands for.")
    public Views.SearchView search(
            @QueryParam("q") @Parameter(description = "the query text", required = true) String q,
            @QueryParam("k") @DefaultValue("10") @Parameter(description = "number of results, 1-1000") String k,
            @QueryParam("mode") @DefaultValue("hybrid") @Parameter(description = "hybrid | vector | keyword")
                    String mode,
            @QueryParam("sourceId") @Parameter(description = "only chunks of this source") String sourceId,
            @QueryParam("contentType") @Parameter(description = "only chunks of documents of this media type")
                    String contentType,
            @QueryParam("language") @Parameter(description = "only chunks of documents in this language (ISO 639-1)")
                    String language,
            @QueryParam("license") @Parameter(description = LICENSE) List<String> license,
            @QueryParam("indexVersion")
                    @Parameter(description = "search this retained index version (default: current)")
                    String indexVersion,
            @QueryParam("collapse") @Parameter(description = COLLAPSE) String collapse) {
        Params.required("q", q);
        int n = Params.integer("k", k);
        // k's range and the blank query are checked by SearchRequest, the mode by its parser (both invalid_request)
        SearchMode m = SearchMode.parse(mode);
        Long version = Params.optionalLong("indexVersion", indexVersion);
        SearchFilter filter = new SearchFilter(
                Params.blankToNull(sourceId),
                Params.blankToNull(contentType),
                Params.blankToNull(language),
                LicenseFilter.parse(license),
                caller.scope());
        SearchRequest request = new SearchRequest(q, n, m, filter, version);
        String modeName = m.name().toLowerCase(java.util.Locale.ROOT);
        if (!collapsed(collapse)) {
            SearchResults results = engine.index().search(request);
            return new Views.SearchView(
                    q,
                    modeName,
                    n,
                    results.indexVersion(),
                    null,
                    results.results().stream()
                            .map(h -> new Views.SearchHitView(h, null))
                            .toList());
        }
        SearchResults candidates = engine.index()
                .search(new SearchRequest(q, Math.min(SearchRequest.MAX_K, n * OVER_FETCH), m, filter, version));
        return new Views.SearchView(
                q,
                modeName,
                n,
                candidates.indexVersion(),
                NEAR_DUPLICATES,
                nearDuplicates.collapse(candidates.results(), n).stream()
                        .map(c -> new Views.SearchHitView(
                                c.hit(),
                                c.folded().stream().map(Views.CollapsedHit::of).toList()))
                        .toList());
    }

    /** Whether {@code collapse} asks for near-duplicates to be collapsed; a 400 for a value not allowed. */
    private static boolean collapsed(String collapse) {
        String value = Params.blankToNull(collapse);
        if (value == null || value.equalsIgnoreCase("none")) {
            return false;
        }
        if (value.equalsIgnoreCase(NEAR_DUPLICATES)) {
            return true;
        }
        throw ApiException.badRequest(
                "invalid_request", "collapse must be one of none, " + NEAR_DUPLICATES + "; was '" + collapse + "'");
    }
}

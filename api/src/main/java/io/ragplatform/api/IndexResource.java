package io.ragplatform.api;

import io.ragplatform.api.auth.Role;
import io.ragplatform.index.ConsistencyReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/index")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {
    @Inject
    RagEngine engine;

    @GET
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "The index in service: version, model, counts, and a model-change rebuild if one is running")
    public Views.IndexView status() {
        var stats = engine.index().stats();
        return new Views.IndexView(
                stats.indexVersion(),
                stats.modelId(),
                stats.dimension(),
                stats.documents(),
                stats.chunks(),
                engine.index().rebuild().orElse(null));
    }

    @GET
    @Path("/versions")
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary = "Retained index versions, newest first",
            description = "Each is one commit with its manifest: embedding model "
                    + "and dimension, pipeline (canonicalizer/chunker versions), document and chunk counts, time, and what changed. "
                    + "Search any of them with GET /v1/search?indexVersion=N.")
    public Views.VersionsView versions() {
        return new Views.VersionsView(
                engine.index().stats().indexVersion(), engine.index().versions());
    }

    @GET
    @Path("/check")
    // a scan of the whole index whose report names orphan and dangling IDs of any document: an operator's tool
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(
            summary = "Verify that documents, chunks and vectors agree",
            description = "consistent is false when a chunk no document "
                    + "references (orphan), a reference to a missing chunk or parent (dangling), a duplicate ID, or a vector of another model "
                    + "or dimension exists.")
    public ConsistencyReport check() {
        return engine.index().check();
    }
}

package io.ragplatform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.api.auth.CurrentCaller;
import io.ragplatform.api.auth.Role;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.DeleteResult;
import io.ragplatform.index.DocumentRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    private static final int MAX_METADATA_ENTRIES = 100;
    private static final String REDACTIONS = "Each placeholder's span in the document's canonical text, its type and "
            + "the original, decrypted from the document's redaction map (admin only; every read is in the audit log). "
            + "404 when the document is unknown or no maps are kept (rag.governance.redaction-key unset).";

    @Inject
    IngestService ingest;

    @Inject
    RagEngine engine;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @Inject
    RagConfig config;

    @Inject
    NearDuplicateService nearDuplicates;

    @Inject
    SourceWrites writes;

    @Inject
    ErasureService erasure;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Upload a file",
            description =
                    "Extracts, canonicalizes and chunks the file, embeds only chunks not embedded "
                            + "before, and stores it under its sourceId. Re-uploading identical content is 'unchanged' and embeds nothing.")
    @APIResponse(responseCode = "200", description = "stored (created, updated or unchanged)")
    @APIResponse(responseCode = "400", description = "empty file, missing file, bad sourceId or metadata")
    @APIResponse(
            responseCode = "413",
            description =
                    "file_too_large: beyond rag.upload.max-bytes (default 104857600 bytes, 100 MiB), refused before "
                            + "the body is read when its length is declared; text_too_large: yields more text than rag.extraction.max-chars")
    @APIResponse(responseCode = "415", description = "not a document type with text")
    @APIResponse(responseCode = "422", description = "encrypted, corrupt or without extractable text")
    public Views.UploadResponse upload(
            @RestForm("file") @Parameter(description = "the document") FileUpload file,
            @RestForm("sourceId") @Parameter(description = "the document's stable name; default: the file name")
                    String sourceId,
            @RestForm("metadata") @Parameter(description = "a JSON object of string values") String metadata,
            @RestForm("acl")
                    @Parameter(
                            description = "who may read it: a JSON array of group names, or [\"public\"]; default: "
                                    + "rag.auth.default-acl (public)")
                    String acl) {
        String fileName = file == null ? null : file.fileName();
        String source = sourceId == null || sourceId.isBlank() ? fileName : sourceId.strip();
        return audit.record(
                "upload",
                source,
                () -> {
                    if (file == null || file.uploadedFile() == null) {
                        throw ApiException.badRequest("missing_file", "the multipart field 'file' is required");
                    }
                    if (source == null || source.isBlank()) {
                        throw ApiException.badRequest(
                                "invalid_request", "no sourceId given and the file part has no file name");
                    }
                    Map<String, String> meta = parseMetadata(metadata);
                    List<String> readers =
                            acl == null || acl.isBlank() ? config.auth().defaultAcl() : AclField.parse(acl);
                    requireReadable(source);
                    return ingest.ingest(file.uploadedFile(), fileName, file.size(), source, meta, readers);
                },
                r -> r.status() + " " + r.documentId() + " v" + r.version() + ", " + r.embedded() + " embedded");
    }

    /**
     * A writer replaces only documents it may read: without that check, an upload under the sourceId of a document
     * of another group would overwrite it, and its status (updated, unchanged) would tell what it holds.
     */
    private void requireReadable(String sourceId) {
        AccessScope scope = caller.scope();
        if (!scope.all()
                && engine.index().documentsOfSource(sourceId, scope).isEmpty()
                && !engine.index().documentsOfSource(sourceId, AccessScope.ALL).isEmpty()) {
            throw new ApiException(
                    "forbidden",
                    ErrorCategory.FORBIDDEN,
                    "the sourceId '" + sourceId + "' is taken by documents this key may not read; choose another");
        }
    }

    private Map<String, String> parseMetadata(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = json.readTree(metadata);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_metadata", "metadata is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("invalid_metadata", "metadata must be a JSON object of strings");
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ApiException.badRequest(
                        "invalid_metadata", "metadata value of '" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        if (out.size() > MAX_METADATA_ENTRIES) {
            throw ApiException.badRequest(
                    "invalid_metadata",
                    "metadata has " + out.size() + " entries; the limit is " + MAX_METADATA_ENTRIES);
        }
        return out;
    }

    @GET
    @Path("/{documentId}")
    @RolesAllowed(Role.Names.READER)
    @Operation(summary = "A document: metadata, version, chunks in order, near-duplicates")
    public Views.DocumentView get(@PathParam("documentId") String documentId) {
        DocumentRecord r = ApiException.found(
                engine.index().document(documentId, caller.scope()), "no document with id '" + documentId + "'");
        return Views.DocumentView.of(r, nearDuplicates.of(documentId, caller.scope()));
    }

    @GET
    @RolesAllowed(Role.Names.READER)
    @Operation(
            summary = "The current documents of a source",
            description = "The file's own document first, then documents embedded in it "
                    + "(messages of a mailbox, attachments).")
    public Views.SourceView bySource(@QueryParam("sourceId") String sourceId) {
        Params.required("sourceId", sourceId);
        List<DocumentRecord> docs = engine.index().documentsOfSource(sourceId, caller.scope());
        if (docs.isEmpty()) {
            throw ApiException.notFound("no document with sourceId '" + sourceId + "'");
        }
        return new Views.SourceView(
                sourceId, docs.stream().map(Views.DocumentView::of).toList());
    }

    @GET
    @Path("/{documentId}/redactions")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "What redaction replaced in a document", description = REDACTIONS)
    public Views.RedactionsView redactions(@PathParam("documentId") String documentId) {
        RedactionMaps maps = engine.redactionMaps()
                .orElseThrow(() ->
                        ApiException.notFound("no redaction maps are kept: rag.governance.redaction-key is not set"));
        DocumentRecord document = ApiException.found(
                engine.index().document(documentId, caller.scope()), "no document with id '" + documentId + "'");
        return audit.record(
                "read-redactions",
                documentId,
                () -> new Views.RedactionsView(
                        documentId,
                        maps.read(document.sourceId(), documentId).stream()
                                .map(h -> new Views.RedactionView(
                                        h.type().name().toLowerCase(java.util.Locale.ROOT),
                                        h.start(),
                                        h.end(),
                                        h.original()))
                                .toList()),
                v -> v.redactions().size() + " redactions");
    }

    @DELETE
    @Path("/{documentId}")
    @RolesAllowed(Role.Names.WRITER)
    @Operation(
            summary = "Delete a document",
            description =
                    "Deletes the document and the documents embedded in it. A chunk goes when no "
                            + "document references it any more; a chunk shared with another document stays searchable. 404 when unknown.")
    public Views.DeleteView delete(@PathParam("documentId") String documentId) {
        return audit.record("delete", documentId, () -> deleteDocument(documentId), DocumentsResource::deleted);
    }

    @DELETE
    @RolesAllowed(Role.Names.WRITER)
    @Operation(summary = "Delete (or erase) every document of a source", description = ERASE_DESCRIPTION)
    public Views.DeleteView deleteSource(
            @QueryParam("sourceId") String sourceId,
            @QueryParam("erase") @Parameter(description = "true: erase everywhere (admin only)") boolean erase) {
        if (erase) {
            if (!caller.get().admin()) {
                throw new ApiException(
                        "forbidden",
                        io.ragplatform.error.ErrorCategory.FORBIDDEN,
                        "erasing a source (erase=true) needs an admin key; a writer may delete it (without erase)");
            }
            return audit.record(
                    "erase-source",
                    sourceId,
                    () -> Views.DeleteView.of(erasure.erase(sourceId)),
                    d -> d.erasure().id() + ": " + deleted(d) + ", "
                            + d.erasure().droppedVersions().size() + " versions dropped, "
                            + d.erasure().affectedRuns().size() + " runs affected");
        }
        return audit.record("delete-source", sourceId, () -> deleteDocumentsOf(sourceId), DocumentsResource::deleted);
    }

    private static final String ERASE_DESCRIPTION = "404 when the source has no document. With erase=true (admin): "
            + "the source's text and vectors are removed everywhere the service keeps them: every retained index "
            + "version that holds any of it is dropped (pinned ones too) and its segments merged away, the quarantine "
            + "record, redaction maps and the evaluation tables' copies of its text go; a tombstone remains (hashes, no "
            + "text), names the evaluation runs it touched and refuses the same bytes under that sourceId from then on. "
            + "404 when no retained version or quarantine record holds anything of it.";

    /** A document the caller may not read answers like a missing one: 404. */
    private Views.DeleteView deleteDocument(String documentId) {
        boolean visible = engine.index().document(documentId, caller.scope()).isPresent();
        return deleteView(
                visible ? engine.index().delete(documentId) : null, "no document with id '" + documentId + "'");
    }

    /** A source whose documents the caller may read none of answers like a missing one: 404. */
    private Views.DeleteView deleteDocumentsOf(String sourceId) {
        Params.required("sourceId", sourceId);
        boolean visible =
                !engine.index().documentsOfSource(sourceId, caller.scope()).isEmpty();
        return deleteView(
                visible ? engine.index().deleteSource(sourceId) : null, "no document with sourceId '" + sourceId + "'");
    }

    /**
     * What a delete removed (its documents' redaction maps and near-duplicate entries go with it), or 404 {@code missing} when it removed nothing
     * or was not made (null).
     */
    private Views.DeleteView deleteView(DeleteResult r, String missing) {
        if (r == null || r.documents().isEmpty()) {
            throw ApiException.notFound(missing);
        }
        r.documents().stream().map(DocumentRecord::sourceId).distinct().forEach(writes::deleted);
        return Views.DeleteView.of(r);
    }

    private static String deleted(Views.DeleteView d) {
        return d.deleted().size() + " documents, " + d.chunksRemoved() + " chunks removed, index version "
                + d.indexVersion();
    }
}

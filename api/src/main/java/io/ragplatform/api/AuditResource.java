package io.ragplatform.api;

import io.ragplatform.api.auth.Role;
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

@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AuditResource {
    /** The body of {@code GET /v1/audit/log}. */
    public record AuditView(List<AuditLog.Entry> entries) {}

    @Inject
    AuditLog audit;

    @Inject
    GovernanceAudits audits;

    /**
     * A governance audit: totals and counts by dimension, what changed since the previous stored audit, and whether it
     * is stored ({@code false}: computed for this request).
     */
    public record GovernanceAuditView(
            @com.fasterxml.jackson.annotation.JsonUnwrapped io.ragplatform.eval.store.AuditRecord audit,
            double exactDuplicateShare,
            boolean stored) {
        static GovernanceAuditView of(io.ragplatform.eval.store.AuditRecord a, boolean stored) {
            return new GovernanceAuditView(a, a.exactDuplicateShare(), stored);
        }
    }

    /** The body of {@code GET /v1/audit/history}. */
    public record AuditHistoryView(List<GovernanceAuditView> audits) {}

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(
            summary = "The governance audit of the corpus (JSON, or HTML with charts)",
            description = AUDIT_DESCRIPTION)
    public jakarta.ws.rs.core.Response governance(
            @QueryParam("id")
                    @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                            description = "a stored audit's ID; none: the corpus now")
                    String id,
            @QueryParam("format") String format,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        io.ragplatform.eval.store.AuditRecord a = id == null || id.isBlank()
                ? audits.current()
                : ApiException.found(audits.stored(id), "no stored audit with id '" + id + "'");
        boolean stored = id != null && !id.isBlank();
        if (EvalRunsResource.format(format, accept, "json").equals("html")) {
            return EvalRunsResource.html(io.ragplatform.eval.report.AuditHtml.render(a, stored, audits.history()));
        }
        return jakarta.ws.rs.core.Response.ok(GovernanceAuditView.of(a, stored), MediaType.APPLICATION_JSON)
                .build();
    }

    @jakarta.ws.rs.POST
    @Operation(
            summary = "Run a governance audit now and store it",
            description = "Stored in governance.audits (and the documents it saw in governance.audit_documents), "
                    + "beside the evaluation tables; the next audit reports what changed since this one.")
    public GovernanceAuditView runAudit() {
        return GovernanceAuditView.of(
                audit.record("governance-audit", "corpus", () -> audits.run(GovernanceAudits.MANUAL), a -> a.auditId()),
                true);
    }

    @GET
    @Path("/history")
    @Operation(summary = "Every stored governance audit, oldest first")
    public AuditHistoryView history() {
        return new AuditHistoryView(audits.history().stream()
                .map(a -> GovernanceAuditView.of(a, true))
                .toList());
    }

    private static final String AUDIT_DESCRIPTION = "Documents and chunk occurrences by source (the sourceId up to "
            + "its first '/'), licence, language and content type; distinct chunks and the exact-duplicate share; "
            + "near-duplicate groups; PII hits by type; refusals in the quarantine by reason; and what changed since "
            + "the latest stored audit (documents added, updated, deleted, erased). Without id it is computed now and "
            + "not stored (POST stores one; rag.governance.audit-cron stores one weekly). format=html or Accept: "
            + "text/html gives a page with charts.";

    @GET
    @Path("/log")
    @Operation(
            summary = "The audit log of writes, newest first",
            description =
                    "Uploads, deletes, syncs, eval sets, runs and imports: time, who (the API key's name), action,"
                            + " target, outcome (ok or error with its code) and detail.")
    public AuditView log(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new AuditView(audit.recent(Params.limit(limit, 10_000)));
    }
}

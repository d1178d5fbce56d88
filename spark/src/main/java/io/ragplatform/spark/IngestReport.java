package io.ragplatform.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of the job did.
 *
 * @param source the source name
 * @param files files listed
 * @param parsed files prepared (extracted, canonicalized, chunked)
 * @param chunksCut chunks the parsed files were cut into (occurrences, counted once per document and position)
 * @param unchanged files skipped without parsing: bytes, size, metadata, acl, licence and pipeline as stored
 * @param failed files that could not become documents (their stored documents, if any, are kept)
 * @param documentsCreated new documents
 * @param documentsUpdated stored documents whose content or metadata changed (or whose record was refreshed)
 * @param documentsDeleted documents removed: of files no longer listed, or embedded ones a file no longer holds
 * @param chunksAdded new rows of {@code chunks}
 * @param chunksRemoved chunks no document names any more
 * @param embedded new vectors by model ID
 * @param embeddingsRemoved vectors of chunks removed
 * @param commits the tables committed to, in commit order (one snapshot each); empty when nothing changed
 * @param failures the failed files (at most {@value IngestJob#MAX_REPORTED_FAILURES})
 * @param phases seconds by phase, in run order: {@code list} (the input), {@code read} (the stored state), {@code
 *     prepare} (extract, canonicalize, chunk), {@code chunks}, {@code embed}, {@code documents} (occurrences and
 *     documents), {@code orphans}
 * @param seconds the run's wall time
 */
public record IngestReport(
        String source,
        long files,
        long parsed,
        long chunksCut,
        long unchanged,
        long failed,
        long documentsCreated,
        long documentsUpdated,
        long documentsDeleted,
        long chunksAdded,
        long chunksRemoved,
        Map<String, Long> embedded,
        long embeddingsRemoved,
        List<String> commits,
        List<FileFailure> failures,
        Map<String, Double> phases,
        double seconds) {
    public IngestReport {
        embedded = Collections.unmodifiableSortedMap(new TreeMap<>(embedded));
        commits = List.copyOf(commits);
        failures = List.copyOf(failures);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /**
     * A file that could not become documents.
     *
     * @param sourceId the file's sourceId
     * @param error the reason's code, as the service's quarantine records it ({@code no_text}, {@code corrupt_document},
     *     {@code internal_error}, ...)
     * @param message what went wrong
     */
    public record FileFailure(String sourceId, String error, String message) {}

    /** The report as indented JSON, fields in declaration order. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }
}

package io.ragplatform.index.sync;

import java.util.List;

/**
 * What one sync did, counted by file.
 *
 * @param skippedQuarantined files not parsed because their bytes are quarantined unchanged
 * @param failures one line per failed file: {@code sourceId: error: message}
 */
public record SyncReport(
        String source,
        int total,
        int created,
        int updated,
        int unchanged,
        int deleted,
        int failed,
        int skippedQuarantined,
        int embedded,
        List<String> failures) {
    public SyncReport {
        failures = List.copyOf(failures);
    }
}

package io.ragplatform.eval.run;

import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.RunRecord;
import java.util.List;

/**
 * A stored run: its record (pins, mean metrics, intervals), per-item results in item-ID order, and counts.
 */
public record RunOutcome(RunRecord run, List<QueryResultRecord> results, RunCounts counts) {
    public RunOutcome {
        results = List.copyOf(results);
    }
}

package io.ragplatform.ingest.pii;

import java.util.List;

/** One family of recognisers: adds the candidates it confirms in a text to a list; overlaps are resolved later. */
interface Rule {
    void find(Scan scan, List<PiiSpan> out);

    /** Adds a span to {@code out}; returns its end. */
    static int take(PiiType type, int start, int end, List<PiiSpan> out) {
        out.add(new PiiSpan(type, start, end));
        return end;
    }
}

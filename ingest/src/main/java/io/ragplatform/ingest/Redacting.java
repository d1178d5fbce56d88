package io.ragplatform.ingest;

import io.ragplatform.ingest.pii.PiiHit;
import io.ragplatform.ingest.pii.PiiMode;
import io.ragplatform.ingest.pii.PiiRecognizer;
import io.ragplatform.ingest.pii.PiiSpan;
import io.ragplatform.ingest.pii.PiiType;
import io.ragplatform.ingest.pii.Redaction;
import io.ragplatform.ingest.pii.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The redaction step of preparation: a document's canonical text and its extracted properties (an e-mail's sender and
 * recipients, an author) under the file's {@link PiiMode}, before chunking and hashing.
 *
 * @param text what is chunked, hashed and embedded
 * @param properties what is stored as the document's properties
 * @param counts values found per lower-case type; empty when none or off
 * @param hits the values replaced in the text (redact mode only): placeholder spans and originals
 */
record Redacting(CanonicalText text, Map<String, String> properties, Map<String, Integer> counts, List<PiiHit> hits) {
    static Redacting apply(Redactor redactor, PiiMode mode, CanonicalText text, Map<String, String> properties) {
        if (mode == PiiMode.OFF) {
            return new Redacting(text, properties, Map.of(), List.of());
        }
        Redaction redaction = redactor.redact(text, mode);
        Map<String, Integer> counts = new TreeMap<>();
        redaction.counts().forEach((type, n) -> counts.merge(key(type), n, Integer::sum));
        Map<String, String> kept = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            List<PiiSpan> found = PiiRecognizer.standard().find(value);
            found.forEach(span -> counts.merge(key(span.type()), 1, Integer::sum));
            kept.put(name, mode == PiiMode.REDACT && !found.isEmpty() ? redactor.redact(value) : value);
        });
        return new Redacting(redaction.text(), kept, counts, mode == PiiMode.REDACT ? redaction.hits() : List.of());
    }

    private static String key(PiiType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}

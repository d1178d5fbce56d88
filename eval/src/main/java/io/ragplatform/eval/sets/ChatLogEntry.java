package io.ragplatform.eval.sets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One valid line of a chat/query log.
 *
 * @param line the line number, 1-based
 * @param query the query as logged, stripped
 * @param normalized {@link Queries#normalize(String)} of it, not empty
 * @param answer the answer, or null when absent or blank
 * @param cited the cited chunk IDs in log order (may repeat), possibly empty
 * @param timestamp when it was asked, or null
 * @param id the log's ID for it, or null
 */
record ChatLogEntry(
        int line, String query, String normalized, String answer, List<String> cited, Instant timestamp, String id) {
    /** The keys accepted for the cited chunk IDs; values under several of them are joined. */
    static final List<String> CITED_KEYS = List.of("cited", "citedChunkIds", "chunkIds");

    /**
     * Chronological order that does not depend on line order: by timestamp (entries without one after all others),
     * then by normalized query, raw query, ID, answer and citations, so only entries alike in every kept field tie.
     */
    static final Comparator<ChatLogEntry> CHRONOLOGICAL = Comparator.comparing(
                    ChatLogEntry::timestamp, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ChatLogEntry::normalized)
            .thenComparing(ChatLogEntry::query)
            .thenComparing(ChatLogEntry::id, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ChatLogEntry::answer, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> String.join("\u0000", e.cited()));

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]{1,18}");

    /** Thrown for an unusable line; the message is the reason, without the line number. */
    static final class Invalid extends RagException {
        Invalid(String reason) {
            super(ChatLogSetBuilder.ERROR, ErrorCategory.INVALID_INPUT, reason, null, false);
        }
    }

    /** Parses one non-blank line. */
    static ChatLogEntry parse(int lineNumber, String line) {
        ObjectNode o;
        try {
            o = JsonLines.object(line);
        } catch (JsonLines.BadLine e) {
            throw new Invalid(e.getMessage());
        }
        JsonNode q = o.get("query");
        if (q == null || q.isNull()) {
            throw new Invalid("no \"query\"");
        }
        if (!q.isTextual()) {
            throw new Invalid(
                    "\"query\" must be a string, got " + q.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String query = q.textValue().strip();
        if (query.isEmpty()) {
            throw new Invalid("blank \"query\"");
        }
        String normalized = Queries.normalize(query);
        if (Queries.tokens(normalized).isEmpty()) {
            throw new Invalid("\"query\" has no letters or digits");
        }
        String answer = optionalText(o, "answer");
        if (answer != null && answer.isBlank()) {
            answer = null;
        }
        List<String> cited = new ArrayList<>();
        for (String key : CITED_KEYS) {
            JsonNode c = o.get(key);
            if (c == null || c.isNull()) {
                continue;
            }
            if (!c.isArray()) {
                throw new Invalid("\"" + key + "\" must be an array of chunk IDs");
            }
            for (JsonNode id : c) {
                if (!id.isTextual() || id.textValue().isBlank()) {
                    throw new Invalid("\"" + key + "\" must hold non-blank chunk ID strings, got " + id);
                }
                cited.add(id.textValue().strip());
            }
        }
        Instant timestamp = parseTimestamp(o.get("timestamp"));
        String id = null;
        JsonNode idNode = o.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (idNode.isTextual() && !idNode.textValue().isBlank()) {
                id = idNode.textValue().strip();
            } else if (idNode.isIntegralNumber()) {
                id = idNode.asText();
            } else {
                throw new Invalid("\"id\" must be a non-blank string or an integer, got " + idNode);
            }
        }
        return new ChatLogEntry(lineNumber, query, normalized, answer, List.copyOf(cited), timestamp, id);
    }

    private static String optionalText(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new Invalid("\"" + key + "\" must be a string, got "
                    + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return n.textValue();
    }

    /**
     * An ISO-8601 date-time (with an offset or zone; without one it is taken as UTC) or epoch milliseconds (a JSON
     * integer or a string of digits).
     */
    static Instant parseTimestamp(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new Invalid("\"timestamp\" " + n + " is out of range for epoch milliseconds");
            }
            return epochMillis(n.longValue(), n.toString());
        }
        if (!n.isTextual()) {
            throw new Invalid("\"timestamp\" must be an ISO-8601 string or epoch milliseconds, got " + n);
        }
        String s = n.textValue().strip();
        if (EPOCH_MILLIS.matcher(s).matches()) {
            return epochMillis(Long.parseLong(s), s);
        }
        try {
            var parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
                    s, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new Invalid("\"timestamp\" '" + BeirArchive.abbreviate(s)
                    + "' is neither an ISO-8601 date-time nor epoch milliseconds");
        }
    }

    private static Instant epochMillis(long millis, String text) {
        try {
            return Instant.ofEpochMilli(millis);
        } catch (DateTimeException e) {
            throw new Invalid("\"timestamp\" " + text + " is out of range for epoch milliseconds");
        }
    }
}

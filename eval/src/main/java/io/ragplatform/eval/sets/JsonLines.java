package io.ragplatform.eval.sets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parsing one JSON-lines line into an object, with errors that say where. */
final class JsonLines {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonLines() {}

    /** Thrown for a line that is not one JSON object; the message has no location (callers add it). */
    static final class BadLine extends RagException {
        BadLine(String message) {
            super("invalid_request", ErrorCategory.INVALID_INPUT, message, null, false);
        }
    }

    /** The line as a JSON object. */
    static ObjectNode object(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new BadLine("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadLine("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return object;
    }

    /**
     * A BEIR {@code corpus.jsonl} or {@code queries.jsonl} line read with a streaming parser: {@code _id} (string or
     * integer, required) and the named text fields (string or null); other fields are skipped without being decoded.
     *
     * @param decode whether to return the fields' values; when false they are only checked to be strings or null
     * @param fields the text fields, in order after the ID; other fields are skipped
     * @return the ID followed by the fields' values, null for an absent or null field (or when not decoded)
     */
    static String[] beirRecord(String line, boolean decode, String... fields) {
        String[] out = new String[1 + fields.length];
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("expected a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new BadLine("malformed JSON object");
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int slot = name.equals("_id") ? 0 : indexOf(fields, name) + 1;
                if (slot == 0 && !name.equals("_id")) {
                    p.skipChildren();
                } else if (slot == 0) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
                        throw new BadLine("_id must be a string, got " + describe(value));
                    }
                    out[0] = p.getText();
                } else if (value == JsonToken.VALUE_STRING) {
                    if (decode) {
                        out[slot] = p.getText();
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new BadLine("\"" + name + "\" must be a string, got " + describe(value));
                }
            }
            if (p.nextToken() != null) {
                throw new BadLine("unexpected content after the JSON object");
            }
        } catch (JacksonException e) {
            throw new BadLine("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out[0] == null) {
            throw new BadLine("no \"_id\"");
        }
        return out;
    }

    private static int indexOf(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }
}

package io.ragplatform.eval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRecordsTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final String ITEMS = """
            [
              {"id": "q1", "query": "how do I rotate the signing key?", "relevant": [{"sourceId": "docs/keys.md"}]},
              {"id": "q2", "query": "default chunk size?",
               "relevant": [{"chunkId": "c-9f2a", "grade": 2}, {"sourceId": "docs/chunking.md", "grade": 0}],
               "answer": null},
              {"id": "q3", "query": "which port?", "relevant": [], "answer": "8080",
               "contexts": ["The service listens on port 8080."]}
            ]
            """;

    @Test
    void items_json_reads_with_default_grade_and_absent_parts_as_null() throws Exception {
        List<EvalItem> items = JSON.readValue(ITEMS, new TypeReference<>() {});

        assertEquals(
                List.of(
                        EvalItem.of(
                                "q1", "how do I rotate the signing key?", List.of(Relevance.source("docs/keys.md"))),
                        EvalItem.of(
                                "q2",
                                "default chunk size?",
                                List.of(Relevance.chunk("c-9f2a", 2), Relevance.source("docs/chunking.md", 0))),
                        new EvalItem(
                                "q3", "which port?", List.of(), "8080", List.of("The service listens on port 8080."))),
                items);
        assertNull(items.get(1).answer());
        assertNull(items.get(1).contexts());
    }

    @Test
    void items_json_round_trips_through_the_store_and_leaves_nulls_out(@TempDir Path warehouse) throws Exception {
        List<EvalItem> items = JSON.readValue(ITEMS, new TypeReference<>() {});
        List<EvalItem> read;
        try (EvalStore store = EvalStores.local(warehouse)) {
            store.createVersion("json", items);
            read = store.items("json", 1);
        }
        String written = JSON.writeValueAsString(read);

        assertEquals(items, read);
        assertEquals(items, JSON.readValue(written, new TypeReference<List<EvalItem>>() {}));
        assertEquals(
                "{\"id\":\"q1\",\"query\":\"how do I rotate the signing key?\","
                        + "\"relevant\":[{\"sourceId\":\"docs/keys.md\",\"grade\":1}]}",
                JSON.writeValueAsString(read.get(0)));
        assertEquals(
                List.of("id", "query", "relevant"),
                fieldNames(JSON.readValue(written, List.class).get(1)));
    }

    @Test
    void a_judgment_names_exactly_one_of_source_and_chunk() {
        assertThrows(IllegalArgumentException.class, () -> new Relevance(null, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Relevance("s", "c", 1));
        assertThrows(IllegalArgumentException.class, () -> new Relevance("", null, 1));
        assertThrows(
                JsonMappingException.class,
                () -> JSON.readValue("{\"sourceId\":\"s\",\"chunkId\":\"c\"}", Relevance.class));
        assertThrows(JsonMappingException.class, () -> JSON.readValue("{\"grade\":2}", Relevance.class));
    }

    @Test
    void items_are_validated_and_copied() {
        assertThrows(NullPointerException.class, () -> EvalItem.of("q", "query", null));
        assertThrows(IllegalArgumentException.class, () -> EvalItem.of("", "query", List.of()));
        assertThrows(IllegalArgumentException.class, () -> EvalItem.of("q", "  ", List.of()));
        List<Relevance> relevant = new ArrayList<>(List.of(Relevance.source("s")));
        EvalItem item = EvalItem.of("q", "query", relevant);
        relevant.clear();
        assertEquals(1, item.relevant().size());
    }

    @Test
    void a_run_normalizes_its_time_and_sorts_its_maps() {
        RunRecord run = lexicalRun("golden", "2026-11-24T10:15:30.123456789+01:00", Map.of("b", 1.0, "a", 2.0));

        assertEquals("2026-11-24T09:15:30.123456Z", run.pins().createdAt());
        assertEquals(List.of("a", "b"), List.copyOf(run.metrics().keySet()));
        assertEquals(Map.of(), run.ci());
        assertThrows(IllegalArgumentException.class, () -> lexicalRun("golden", "yesterday", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> lexicalRun("bad name", "2026-11-24T10:15:30Z", Map.of()));
    }

    /** A lexical run "r" of version 1 (snapshot 5) of that set, with no model, pipeline, configuration or intervals. */
    private static RunRecord lexicalRun(String set, String createdAt, Map<String, Double> metrics) {
        return new RunRecord(
                new RunPins("r", set, 1, 5L, 0, "lexical", 10, null, null, createdAt, null), metrics, null);
    }

    private static List<String> fieldNames(Object jsonObject) {
        return List.copyOf(
                ((Map<?, ?>) jsonObject).keySet().stream().map(Object::toString).toList());
    }
}

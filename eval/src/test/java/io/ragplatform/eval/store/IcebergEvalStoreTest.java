package io.ragplatform.eval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.RagException;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;

class IcebergEvalStoreTest extends LocalStoreTest {
    static final EvalItem Q1 =
            EvalItem.of("q1", "how do I rotate the signing key?", List.of(Relevance.source("docs/keys.md")));
    static final EvalItem Q2 = EvalItem.of(
            "q2",
            "what is the default chunk size?",
            List.of(
                    Relevance.chunk("c-9f2a", 2),
                    Relevance.chunk("c-77b0", 1),
                    Relevance.source("docs/chunking.md", 0)));
    static final EvalItem Q3 = new EvalItem(
            "q3",
            "which port does the service listen on?",
            List.of(Relevance.source("docs/run.md")),
            "It listens on port 8080 by default.",
            List.of("The service listens on port 8080.", "Set quarkus.http.port to change it."));
    static final EvalItem Q1_CHANGED = EvalItem.of(
            "q1",
            "how do I rotate the signing key without downtime?",
            List.of(Relevance.source("docs/keys.md"), Relevance.chunk("c-0001", 3)));
    static final EvalItem Q4 = new EvalItem("q4", "can I upload a zip file?", List.of(), null, List.of());

    @Test
    void storing_the_newest_versions_items_again_makes_no_version() {
        EvalStore.StoredVersion first = store.storeVersion("same", List.of(Q3, Q1, Q2));
        assertTrue(first.created());
        EvalStore.StoredVersion again = store.storeVersion("same", List.of(Q1, Q2, Q3));
        assertFalse(again.created());
        assertEquals(first.version(), again.version());
        EvalStore.StoredVersion changed = store.storeVersion("same", List.of(Q1_CHANGED, Q2, Q3));
        assertTrue(changed.created());
        assertEquals(2, changed.version().version());
        assertEquals(2, store.versions("same").size());
        // back to the first items: a new version, since only the newest is compared
        assertEquals(
                3, store.storeVersion("same", List.of(Q1, Q2, Q3)).version().version());
    }

    @Test
    void each_version_is_a_tagged_snapshot_listed_in_order() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q3, Q1, Q2));
        EvalSetVersion v2 = store.createVersion("golden", List.of(Q1_CHANGED, Q3, Q4));

        assertEquals(new EvalSetVersion("golden", 1, v1.snapshotId(), 3, v1.createdAt()), v1);
        assertEquals(2, v2.version());
        assertEquals(3, v2.items());
        assertNotEquals(v1.snapshotId(), v2.snapshotId());
        assertEquals(List.of(v1, v2), store.versions("golden"));
        assertEquals(v2, store.version("golden", 2));
        assertEquals(List.of("golden"), store.sets());

        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            Table table = catalog.loadTable(EvalTables.SET_ITEMS);
            SnapshotRef tag1 = table.refs().get("golden-v1");
            SnapshotRef tag2 = table.refs().get("golden-v2");
            assertTrue(tag1.isTag() && tag2.isTag());
            assertEquals(v1.snapshotId(), tag1.snapshotId());
            assertEquals(v2.snapshotId(), tag2.snapshotId());
            assertEquals(v2.snapshotId(), table.currentSnapshot().snapshotId());
            Snapshot s2 = table.snapshot(v2.snapshotId());
            assertEquals("overwrite", s2.operation());
            assertEquals("2", s2.summary().get(EvalTables.SUMMARY_VERSION));
        }
    }

    @Test
    void reading_an_old_version_travels_back_to_exactly_its_items() {
        store.createVersion("golden", List.of(Q3, Q1, Q2));
        store.createVersion("golden", List.of(Q1_CHANGED, Q3, Q4));

        assertEquals(List.of(Q1, Q2, Q3), store.items("golden", 1));
        assertEquals(List.of(Q1_CHANGED, Q3, Q4), store.items("golden", 2));
    }

    @Test
    void diff_names_added_removed_and_changed_items() {
        store.createVersion("golden", List.of(Q1, Q2, Q3));
        store.createVersion("golden", List.of(Q1_CHANGED, Q3, Q4));

        assertEquals(new SetDiff(List.of("q4"), List.of("q2"), List.of("q1")), store.diff("golden", 1, 2));
        assertEquals(new SetDiff(List.of("q2"), List.of("q4"), List.of("q1")), store.diff("golden", 2, 1));
        assertTrue(store.diff("golden", 2, 2).isEmpty());
    }

    @Test
    void a_reopened_store_reads_the_same_versions_items_and_runs() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q1, Q2, Q3));
        EvalSetVersion v2 = store.createVersion("golden", List.of(Q1_CHANGED, Q3, Q4));
        RunRecord run = run("run-1", v1);
        store.saveRun(run, results("run-1"));
        store.close();

        store = EvalStores.local(warehouse);
        assertEquals(List.of(v1, v2), store.versions("golden"));
        assertEquals(List.of(Q1, Q2, Q3), store.items("golden", 1));
        assertEquals(List.of(Q1_CHANGED, Q3, Q4), store.items("golden", 2));
        assertEquals(run, store.run("run-1").orElseThrow());
        assertEquals(results("run-1"), store.results("run-1"));
        EvalSetVersion v3 = store.createVersion("golden", List.of(Q2));
        assertEquals(3, v3.version());
    }

    @Test
    void a_saved_run_and_its_results_read_back_equal() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q1, Q2, Q3));
        RunRecord run = run("run-1", v1);
        List<QueryResultRecord> results = results("run-1");

        store.saveRun(run, List.of(results.get(1), results.get(0)));

        assertEquals(run, store.run("run-1").orElseThrow());
        assertEquals(results, store.results("run-1"));
        assertEquals(List.of(run), store.runs("golden"));
        assertTrue(store.run("run-2").isEmpty());
        assertEquals(List.of(), store.results("run-2"));
        assertEquals(List.of(), store.runs("other"));
    }

    @Test
    void runs_of_a_set_are_listed_oldest_first() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q1, Q2, Q3));
        EvalSetVersion other = store.createVersion("other", List.of(Q4));
        RunRecord late = run("b-late", v1, "2026-11-24T10:00:00Z");
        RunRecord early = run("c-early", v1, "2026-11-24T09:00:00Z");
        RunRecord tie = run("a-tie", v1, "2026-11-24T10:00:00Z");
        store.saveRun(late, List.of());
        store.saveRun(early, List.of());
        store.saveRun(tie, List.of());
        store.saveRun(run("o-1", other), List.of());

        assertEquals(List.of(early, tie, late), store.runs("golden"));
        assertEquals(
                List.of("o-1"),
                store.runs("other").stream().map(r -> r.pins().runId()).toList());
    }

    @Test
    void a_run_is_stored_once() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q1, Q2, Q3));
        store.saveRun(run("run-1", v1), results("run-1"));

        DuplicateRunException e =
                assertThrows(DuplicateRunException.class, () -> store.saveRun(run("run-1", v1), results("run-1")));
        assertEquals("run-1", e.runId());
        assertFalse(e.retryable());
        assertEquals(results("run-1"), store.results("run-1"));
    }

    @Test
    void a_run_must_pin_an_existing_set_version_and_its_snapshot() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(Q1, Q2, Q3));
        RunRecord wrongSnapshot = pinning("run-x", 1, v1.snapshotId() + 1);
        RunRecord unknownVersion = pinning("run-y", 2, v1.snapshotId());
        QueryResultRecord foreign = results("run-z").get(0);

        assertThrows(IllegalArgumentException.class, () -> store.saveRun(wrongSnapshot, List.of()));
        assertThrows(EvalSetNotFoundException.class, () -> store.saveRun(unknownVersion, List.of()));
        assertThrows(IllegalArgumentException.class, () -> store.saveRun(run("run-1", v1), List.of(foreign)));
        assertThrows(IllegalArgumentException.class, () -> store.saveRun(run("run-z", v1), List.of(foreign, foreign)));
        assertTrue(store.runs("golden").isEmpty());
    }

    @Test
    void unknown_sets_and_versions_are_reported_as_such() {
        EvalSetNotFoundException noSet = assertThrows(EvalSetNotFoundException.class, () -> store.versions("nope"));
        assertEquals("nope", noSet.name());
        assertTrue(noSet.version().isEmpty());
        assertThrows(EvalSetNotFoundException.class, () -> store.items("nope", 1));

        store.createVersion("golden", List.of(Q1));
        EvalSetNotFoundException noVersion =
                assertThrows(EvalSetNotFoundException.class, () -> store.items("golden", 2));
        assertEquals(2, noVersion.version().orElseThrow());
        assertThrows(EvalSetNotFoundException.class, () -> store.items("golden", 0));
        assertThrows(EvalSetNotFoundException.class, () -> store.diff("golden", 1, 3));
    }

    @Test
    void invalid_names_and_item_lists_are_rejected() {
        for (String bad : List.of("", "with space", "slash/name", "a".repeat(65), "ünï")) {
            assertThrows(RagException.class, () -> store.createVersion(bad, List.of(Q1)), bad);
        }
        assertThrows(RagException.class, () -> store.createVersion("golden", List.of()));
        assertThrows(RagException.class, () -> store.createVersion("golden", List.of(Q1, Q1_CHANGED)));
        assertThrows(EvalSetNotFoundException.class, () -> store.versions("golden"));
        store.createVersion("A.b_c-9", List.of(Q1));
        assertEquals(List.of("A.b_c-9"), store.sets());
    }

    @Test
    void sets_are_independent_even_when_one_name_looks_like_another_sets_tag() {
        store.createVersion("a", List.of(Q1, Q2));
        store.createVersion("a-v1", List.of(Q3));
        store.createVersion("a-v1", List.of(Q4));
        store.createVersion("a", List.of(Q2));

        assertEquals(
                List.of(1, 2),
                store.versions("a").stream().map(EvalSetVersion::version).toList());
        assertEquals(
                List.of(1, 2),
                store.versions("a-v1").stream().map(EvalSetVersion::version).toList());
        assertEquals(List.of(Q1, Q2), store.items("a", 1));
        assertEquals(List.of(Q2), store.items("a", 2));
        assertEquals(List.of(Q3), store.items("a-v1", 1));
        assertEquals(List.of(Q4), store.items("a-v1", 2));
        assertEquals(List.of("a", "a-v1"), store.sets());
    }

    @Test
    void concurrent_writers_get_distinct_consecutive_versions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EvalSetVersion>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                EvalItem item = EvalItem.of("q" + i, "query " + i, List.of(Relevance.source("s" + i)));
                String set = i % 2 == 0 ? "even" : "odd";
                futures.add(pool.submit(() -> store.createVersion(set, List.of(item))));
            }
            for (Future<EvalSetVersion> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(
                List.of(1, 2, 3, 4),
                store.versions("even").stream().map(EvalSetVersion::version).toList());
        assertEquals(
                List.of(1, 2, 3, 4),
                store.versions("odd").stream().map(EvalSetVersion::version).toList());
        for (int v = 1; v <= 4; v++) {
            assertEquals(1, store.items("even", v).size());
        }
    }

    @Test
    void two_stores_on_one_warehouse_lose_races_retryably_and_never_share_a_version() throws Exception {
        int perStore = 5;
        List<EvalSetVersion> stored = new CopyOnWriteArrayList<>();
        Map<Long, String> writtenBySnapshot = new ConcurrentHashMap<>();
        onTwoStores("first", "second", (writer, who) -> {
            for (int i = 0; i < perStore; i++) {
                String id = who + "-" + i;
                EvalSetVersion v = createRetrying(
                        writer,
                        "shared",
                        EvalItem.of(id, "query " + id, List.of()),
                        e -> assertTrue(e.retryable(), e::toString));
                stored.add(v);
                writtenBySnapshot.put(v.snapshotId(), id);
            }
        });

        List<EvalSetVersion> versions = store.versions("shared");
        assertEquals(2 * perStore, versions.size());
        assertEquals(
                IntStream.rangeClosed(1, 2 * perStore).boxed().toList(),
                versions.stream().map(EvalSetVersion::version).toList());
        assertEquals(new TreeSet<>(stored.stream().map(EvalSetVersion::version).toList()).size(), stored.size());
        for (EvalSetVersion v : versions) {
            String id = writtenBySnapshot.get(v.snapshotId());
            assertEquals(
                    List.of(id),
                    store.items("shared", v.version()).stream()
                            .map(EvalItem::id)
                            .toList());
        }
    }

    @Test
    void two_stores_writing_different_sets_never_fail_each_others_validation() throws Exception {
        int perStore = 5;
        onTwoStores("x", "y", (writer, set) -> {
            for (int i = 0; i < perStore; i++) {
                createRetrying(writer, set, EvalItem.of(set + i, "query " + i, List.of()), e -> {
                    // only a commit race that outlasted Iceberg's own retries, never a conflict
                    assertTrue(e.retryable(), e::toString);
                    assertFalse(e.getCause() instanceof ValidationException, e::toString);
                });
            }
        });
        for (String set : List.of("x", "y")) {
            List<EvalSetVersion> versions = store.versions(set);
            assertEquals(perStore, versions.size());
            for (EvalSetVersion v : versions) {
                assertEquals(
                        List.of(set + (v.version() - 1)),
                        store.items(set, v.version()).stream().map(EvalItem::id).toList());
            }
        }
    }

    @Test
    void the_warehouse_holds_iceberg_metadata_and_parquet_data() throws IOException {
        store.createVersion("golden", List.of(Q1, Q2, Q3));
        EvalSetVersion v1 = store.version("golden", 1);
        store.saveRun(run("run-1", v1), results("run-1"));

        assertTrue(Files.isRegularFile(warehouse.resolve("catalog.db")));
        for (String table : List.of("set_items", "runs", "query_results")) {
            Path metadata = warehouse.resolve("eval").resolve(table).resolve("metadata");
            try (Stream<Path> files = Files.list(metadata)) {
                Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
                assertTrue(names.stream().anyMatch(n -> n.endsWith(".metadata.json")), table + ": " + names);
            }
        }
        try (Stream<Path> files = Files.walk(warehouse.resolve("eval/set_items/data/set_name=golden"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".parquet")).count());
        }
        try (Stream<Path> files = Files.walk(warehouse.resolve("eval/query_results/data/run_id=run-1"))) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".parquet")).count());
        }
    }

    @Test
    void a_lost_data_file_surfaces_as_a_store_exception() throws IOException {
        store.createVersion("golden", List.of(Q1, Q2, Q3));
        try (Stream<Path> files = Files.walk(warehouse.resolve("eval/set_items/data"))) {
            for (Path parquet :
                    files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Files.delete(parquet);
            }
        }

        EvalStoreException e = assertThrows(EvalStoreException.class, () -> store.items("golden", 1));
        assertFalse(e.retryable());
        assertEquals(1, store.versions("golden").size());
    }

    @Test
    void absent_optional_parts_stay_absent_through_the_table() {
        EvalItem bare = EvalItem.of("bare", "no answer, no contexts", List.of(Relevance.chunk("c-1")));
        EvalItem emptyContexts = new EvalItem("empty", "empty contexts", List.of(), "", List.of());
        store.createVersion("nulls", List.of(bare, emptyContexts));

        List<EvalItem> read = store.items("nulls", 1);
        assertEquals(List.of(bare, emptyContexts), read);
        assertNull(read.get(0).answer());
        assertNull(read.get(0).contexts());
        assertEquals("", read.get(1).answer());
        assertEquals(List.of(), read.get(1).contexts());
    }

    @Test
    void a_removed_item_does_not_come_back_in_later_versions() {
        store.createVersion("golden", List.of(Q1, Q2, Q3));
        store.createVersion("golden", List.of(Q1_CHANGED, Q3, Q4));
        store.createVersion("golden", List.of(Q4));

        Set<String> ids = new TreeSet<>();
        store.items("golden", 3).forEach(item -> ids.add(item.id()));
        assertEquals(Set.of("q4"), ids);
        assertEquals(List.of(Q1, Q2, Q3), store.items("golden", 1));
    }

    /** What one of two stores writes in {@link #onTwoStores}, given its name. */
    private interface Writes {
        void run(EvalStore writer, String name) throws Exception;
    }

    /**
     * Runs {@code writes} at once on this test's store (named {@code first}) and on a second store of the same
     * warehouse ({@code second}): two catalogs and two write locks, as two processes would have.
     */
    private void onTwoStores(String first, String second, Writes writes) throws Exception {
        try (EvalStore other = EvalStores.local(warehouse)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (EvalStore writer : List.of(store, other)) {
                    String name = writer == store ? first : second;
                    futures.add(pool.submit(() -> {
                        writes.run(writer, name);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /** Stores a version of one item, again after each failure that {@code failure} accepts. */
    private static EvalSetVersion createRetrying(
            EvalStore writer, String set, EvalItem item, java.util.function.Consumer<EvalStoreException> failure) {
        while (true) {
            try {
                return writer.createVersion(set, List.of(item));
            } catch (EvalStoreException e) {
                failure.accept(e);
            }
        }
    }

    /** A bare run of set golden (no model, pipeline, configuration or metrics) pinning that version and snapshot. */
    private static RunRecord pinning(String runId, int setVersion, long setSnapshotId) {
        return new RunRecord(
                new RunPins(
                        runId,
                        "golden",
                        setVersion,
                        setSnapshotId,
                        7,
                        "hybrid",
                        10,
                        null,
                        null,
                        "2026-11-24T10:00:00Z",
                        null),
                Map.of(),
                null);
    }

    static RunRecord run(String runId, EvalSetVersion version) {
        return run(runId, version, "2026-11-24T09:15:30.123456789Z");
    }

    /** A run of that set version, created at that time. */
    static RunRecord run(String runId, EvalSetVersion version, String createdAt) {
        return new RunRecord(
                new RunPins(
                        runId,
                        version.name(),
                        version.version(),
                        version.snapshotId(),
                        42,
                        "hybrid",
                        10,
                        "all-minilm-l6-v2-q",
                        "structural-v3",
                        createdAt,
                        "{\"k\":10,\"mode\":\"hybrid\",\"rrfK\":60}"),
                Map.of("recall@10", 0.75, "mrr@10", 0.5, "ndcg@10", 0.61),
                Map.of(
                        "recall@10",
                        new ConfidenceInterval(0.75, 0.5, 1.0),
                        "mrr@10",
                        new ConfidenceInterval(0.5, 0.25, 0.75)));
    }

    static List<QueryResultRecord> results(String runId) {
        return List.of(
                new QueryResultRecord(
                        runId,
                        "q1",
                        Q1.query(),
                        List.of("c-1", "c-2", "c-3"),
                        List.of("docs/keys.md", "docs/run.md"),
                        Map.of("recall@10", 1.0, "mrr@10", 1.0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new QueryResultRecord(
                        runId,
                        "q3",
                        Q3.query(),
                        List.of("c-7"),
                        List.of("docs/run.md"),
                        Map.of("recall@10", 0.5, "mrr@10", 0.0),
                        0.5,
                        List.of("Set quarkus.http.port to 9090."),
                        null,
                        null,
                        null,
                        null));
    }
}

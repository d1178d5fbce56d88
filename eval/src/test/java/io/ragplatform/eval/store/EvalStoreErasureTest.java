package io.ragplatform.eval.store;

import static io.ragplatform.eval.store.EvalStore.ERASED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.grounded.ClaimScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvalStoreErasureTest extends LocalStoreTest {
    /** The erased document's two chunks: English with a unique name in it, and Chinese. */
    static final String ERASED_EN = "The Orion migration plan moves every ledger replica to the Frankfurt region before"
            + " March, and the operator Zephyrine Kowalczyk signs off each cutover window in person.";

    static final String ERASED_ZH = "猎户座迁移计划要求在三月之前把所有账本副本迁移到法兰克福区域并由值班工程师签字确认";
    /** In the erased text only: what the byte scan looks for. */
    static final String TOKEN = "Zephyrine";
    /** Twelve consecutive characters of the Chinese chunk. */
    static final String ZH_PASSAGE = "把所有账本副本迁移到法兰克福";

    static final ErasedText ERASURE =
            ErasedText.of(Set.of("c-orion-1", "c-orion-2"), Set.of("docs/orion.md"), List.of(ERASED_EN, ERASED_ZH));

    /** Holds nine words of the English chunk (with other case and punctuation) and the unique name. */
    static final String COPIED_CONTEXT =
            "Per the plan: ORION migration plan moves every ledger replica to the Frankfurt region; ask Zephyrine.";

    static final EvalItem A1 = new EvalItem(
            "a",
            "when do the ledger replicas move?",
            List.of(Relevance.chunk("c-orion-1", 2), Relevance.source("docs/other.md", 0)),
            "Before March.",
            List.of(COPIED_CONTEXT, "Replicas are kept in three regions."));
    static final EvalItem B =
            EvalItem.of("b", "how do I rotate the signing key?", List.of(Relevance.source("docs/k.md")));
    static final EvalItem C = new EvalItem(
            "c",
            "迁移什么时候完成？",
            List.of(Relevance.source("docs/orion.md")),
            "计划" + ZH_PASSAGE + "区域。",
            List.of("迁移在三月完成。"));
    /** Its query starts with the unique name, so the query column's lower bound in the manifests holds it too. */
    static final EvalItem A2 = new EvalItem(
            "a",
            TOKEN + " Kowalczyk signs off each cutover window in person, right?",
            A1.relevant(),
            A1.answer(),
            A1.contexts());

    static final EvalItem D = EvalItem.of("d", "which port does the service listen on?", List.of());
    static final EvalItem OTHER = EvalItem.of("o", "what is the default chunk size?", List.of(Relevance.chunk("c-9")));

    @BeforeEach
    void uncompressed() {
        // test only: uncompressed Parquet pages and Avro manifests, so that a byte scan of the files can see text
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.RUNS, EvalTables.QUERY_RESULTS)) {
                catalog.loadTable(id)
                        .updateProperties()
                        .set(TableProperties.PARQUET_COMPRESSION, "uncompressed")
                        .set(TableProperties.MANIFEST_COMPRESSION, "uncompressed")
                        .set(TableProperties.AVRO_COMPRESSION, "uncompressed")
                        .commit();
            }
        }
    }

    /** Two versions of "golden" (both hold erased text), a clean set between them, and two runs of golden. */
    private Fixture storeFixture() {
        EvalSetVersion v1 = store.createVersion("golden", List.of(A1, B, C));
        EvalSetVersion other = store.createVersion("other", List.of(OTHER));
        EvalSetVersion v2 = store.createVersion("golden", List.of(A2, B, D));
        RunRecord run1 = IcebergEvalStoreTest.run("run-1", v1);
        List<QueryResultRecord> results1 = List.of(
                result(
                        "run-1",
                        A1,
                        List.of("c-7"),
                        List.of("The operator " + TOKEN + " Kowalczyk signs off each cutover" + " window in person."),
                        List.of(
                                new ClaimScore("Replicas move before March.", 0.9, true),
                                new ClaimScore(ERASED_EN.substring(0, 60) + ".", 0.2, false))),
                result("run-1", B, List.of("c-1"), List.of(), List.of()));
        store.saveRun(run1, results1);
        RunRecord run2 = IcebergEvalStoreTest.run("run-2", v2);
        List<QueryResultRecord> results2 = List.of(result("run-2", D, List.of("c-orion-2", "c-3"), null, null));
        store.saveRun(run2, results2);
        return new Fixture(v1, other, v2, run1, results1, run2, results2);
    }

    private record Fixture(
            EvalSetVersion v1,
            EvalSetVersion other,
            EvalSetVersion v2,
            RunRecord run1,
            List<QueryResultRecord> results1,
            RunRecord run2,
            List<QueryResultRecord> results2) {}

    private static QueryResultRecord result(
            String runId, EvalItem item, List<String> chunks, List<String> unsupported, List<ClaimScore> claims) {
        return new QueryResultRecord(
                runId,
                item.id(),
                item.query(),
                chunks,
                List.of("docs/x.md"),
                Map.of("recall@10", 0.5),
                claims == null ? null : 0.5,
                unsupported,
                null,
                claims,
                claims == null ? null : QueryResultRecord.EVIDENCE_RETRIEVED,
                null);
    }

    @Test
    void erasure_scrubs_every_version_and_result_and_keeps_ids_and_numbers() {
        Fixture f = storeFixture();
        assertTrue(
                store.items("golden", 1).get(0).contexts().get(0).contains(TOKEN),
                "positive control: the text is stored");

        ErasureResult result = store.erase(ERASURE);

        EvalItem a1 = new EvalItem(
                "a", A1.query(), A1.relevant(), A1.answer(), List.of(ERASED, "Replicas are kept in three regions."));
        EvalItem c = new EvalItem("c", C.query(), C.relevant(), ERASED, C.contexts());
        assertEquals(List.of(a1, B, c), store.items("golden", 1));
        EvalItem a2 = new EvalItem("a", ERASED, A1.relevant(), A1.answer(), a1.contexts());
        assertEquals(List.of(a2, B, D), store.items("golden", 2));
        assertEquals(List.of(OTHER), store.items("other", 1));

        QueryResultRecord r1 = f.results1().get(0);
        QueryResultRecord scrubbed = new QueryResultRecord(
                "run-1",
                "a",
                r1.query(),
                r1.retrievedChunkIds(),
                r1.retrievedSourceIds(),
                r1.metrics(),
                r1.groundedness(),
                List.of(ERASED),
                null,
                List.of(r1.claims().get(0), new ClaimScore(ERASED, 0.2, false)),
                r1.evidence(),
                null);
        assertEquals(List.of(scrubbed, f.results1().get(1)), store.results("run-1"));
        assertEquals(f.results2(), store.results("run-2"));
        assertEquals(f.run1(), store.run("run-1").orElseThrow());
        assertEquals(f.run2(), store.run("run-2").orElseThrow());

        assertEquals(List.of("run-1"), result.scrubbedRuns());
        assertEquals(List.of("golden-v1", "golden-v2"), result.scrubbedSetVersions());
        // run-1's version judged c-orion-1 and docs/orion.md; run-2 retrieved c-orion-2 and its version judged
        // c-orion-1
        assertEquals(
                Map.of(
                        "run-1", List.of("c-orion-1", "docs/orion.md"),
                        "run-2", List.of("c-orion-1", "c-orion-2")),
                result.affectedRuns());
        assertEquals(result.affectedRuns(), store.runsHolding(ERASURE.ids()));
        // golden-v1: a.contexts[0] and c.answer; golden-v2: a.query and a.contexts[0]; run-1: a's two claims
        assertEquals(List.of(6, 4), List.of(result.fieldsScrubbed(), result.rowsScrubbed()));
        assertTrue(result.filesRewritten() >= 3, "each version's file and run-1's results: " + result);
        assertTrue(result.snapshotsExpired() > 0 && result.filesRemoved() > result.filesRewritten(), result::toString);

        // versions keep their numbers, counts and creation times; only the snapshot moved
        List<EvalSetVersion> versions = store.versions("golden");
        assertEquals(
                List.of(1, 2), versions.stream().map(EvalSetVersion::version).toList());
        assertEquals(f.v1().createdAt(), versions.get(0).createdAt());
        assertEquals(f.v2().createdAt(), versions.get(1).createdAt());
        assertEquals(3, versions.get(0).items());
        assertNotEquals(f.v1().snapshotId(), versions.get(0).snapshotId());
        assertEquals(List.of("golden", "other"), store.sets());
    }

    @Test
    void no_snapshot_file_or_byte_of_the_warehouse_keeps_the_erased_text() throws IOException {
        storeFixture();
        Map<TableIdentifier, Set<String>> before = dataFilesOfAllSnapshots();
        assertFalse(filesHolding(TOKEN).isEmpty(), "positive control: the byte scan sees stored text");
        assertFalse(filesHolding(ZH_PASSAGE).isEmpty(), "positive control: the byte scan sees stored Chinese");
        assertFalse(snapshotsHolding().isEmpty(), "positive control: snapshots hold the text");

        store.erase(ERASURE);

        assertEquals(List.of(), snapshotsHolding());
        assertEquals(List.of(), filesHolding(TOKEN));
        assertEquals(List.of(), filesHolding(ZH_PASSAGE));
        assertEquals(List.of(), filesHolding("Frankfurt region"));
        // the data files the old snapshots read that held text are gone from disk, and no snapshot lists them
        Map<TableIdentifier, Set<String>> after = dataFilesOfAllSnapshots();
        for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.QUERY_RESULTS)) {
            Set<String> removed = new TreeSet<>(before.get(id));
            removed.removeAll(after.get(id));
            assertFalse(removed.isEmpty(), id + ": files were replaced");
            for (String location : removed) {
                assertFalse(Files.exists(Path.of(location)), location);
            }
        }
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.QUERY_RESULTS)) {
                Table table = catalog.loadTable(id);
                Set<Long> referenced = new HashSet<>();
                table.refs().values().forEach(ref -> referenced.add(ref.snapshotId()));
                Set<Long> kept = new HashSet<>();
                table.snapshots().forEach(s -> kept.add(s.snapshotId()));
                assertEquals(referenced, kept, id + ": only the snapshots of branches and tags are left");
                assertTrue(
                        table.refs().keySet().stream().noneMatch(ref -> ref.startsWith(StoreErasure.BRANCH_PREFIX)),
                        "no temporary branch is left");
            }
        }
    }

    @Test
    void a_second_erasure_changes_nothing() throws IOException {
        storeFixture();
        ErasureResult first = store.erase(ERASURE);
        assertTrue(first.changed());
        Map<TableIdentifier, Set<String>> files = dataFilesOfAllSnapshots();
        Map<TableIdentifier, String> metadata = metadataLocations();

        ErasureResult second = store.erase(ERASURE);

        assertEquals(new ErasureResult(List.of(), List.of(), first.affectedRuns(), 0, 0, 0, 0, 0), second);
        assertFalse(second.changed());
        assertEquals(files, dataFilesOfAllSnapshots());
        assertEquals(metadata, metadataLocations(), "nothing was committed");
    }

    @Test
    void runs_pinned_before_the_erasure_stay_valid_and_new_ones_can_be_saved() {
        Fixture f = storeFixture();
        store.erase(ERASURE);

        // a run computed before the erasure, saved after it: it pins the snapshot the tag had before
        store.saveRun(IcebergEvalStoreTest.run("run-late", f.v1()), List.of());
        // a run of the version as it reads now
        EvalSetVersion now = store.version("golden", 1);
        store.saveRun(IcebergEvalStoreTest.run("run-new", now), List.of());
        assertEquals(
                f.v1().snapshotId(), store.run("run-late").orElseThrow().pins().setSnapshotId());
        assertEquals(now.snapshotId(), store.run("run-new").orElseThrow().pins().setSnapshotId());
        // a snapshot that was never golden-v1's is still refused
        RunRecord wrong = IcebergEvalStoreTest.run(
                "run-wrong", new EvalSetVersion("golden", 1, f.v2().snapshotId(), 3, now.createdAt()));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> store.saveRun(wrong, List.of()))
                .getMessage()
                .contains("pins snapshot"));

        // a second erasure rewrites golden-v1 again: runs pinned to either earlier snapshot stay valid
        ErasureResult again = store.erase(
                ErasedText.of(Set.of("c-r"), Set.of("docs/r.md"), List.of("Replicas are kept in three regions.")));
        assertEquals(List.of("golden-v1", "golden-v2"), again.scrubbedSetVersions());
        assertEquals(List.of(ERASED, ERASED), store.items("golden", 1).get(0).contexts());
        store.saveRun(IcebergEvalStoreTest.run("run-later", f.v1()), List.of());
        store.saveRun(IcebergEvalStoreTest.run("run-later-2", now), List.of());
        assertEquals(f.v1().createdAt(), store.version("golden", 1).createdAt());

        // the set goes on: a new version on top of the rewritten main, and a run of it
        EvalSetVersion v3 = store.createVersion("golden", List.of(B, D));
        assertEquals(3, v3.version());
        assertEquals(List.of(B, D), store.items("golden", 3));
        store.saveRun(IcebergEvalStoreTest.run("run-v3", v3), List.of());
        assertEquals(List.of(ERASED, ERASED), store.items("golden", 1).get(0).contexts());
    }

    @Test
    void a_unique_name_alone_is_no_span_and_stays() {
        store.createVersion(
                "golden",
                List.of(new EvalItem(
                        "z", "Zephyrine Kowalczyk and the cutover?", List.of(), null, List.of(ERASED_EN))));
        store.erase(ERASURE);
        // the documented limit: a field sharing only two words with the erased text is not recognised
        assertEquals(
                List.of(new EvalItem("z", "Zephyrine Kowalczyk and the cutover?", List.of(), null, List.of(ERASED))),
                store.items("golden", 1));
    }

    // ---- reading the warehouse directly

    /** For each snapshot of each text table that still yields a row holding erased text: which and where. */
    private List<String> snapshotsHolding() {
        List<String> found = new ArrayList<>();
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.RUNS, EvalTables.QUERY_RESULTS)) {
                Table table = catalog.loadTable(id);
                for (Snapshot snapshot : table.snapshots()) {
                    try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                            .useSnapshot(snapshot.snapshotId())
                            .build()) {
                        for (Record row : rows) {
                            String text = row.toString().toLowerCase(Locale.ROOT);
                            if (text.contains(TOKEN.toLowerCase(Locale.ROOT)) || text.contains(ZH_PASSAGE)) {
                                found.add(id + "@" + snapshot.snapshotId() + ": " + row);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return found;
    }

    /** The data files every snapshot of each table reads. */
    private Map<TableIdentifier, Set<String>> dataFilesOfAllSnapshots() throws IOException {
        Map<TableIdentifier, Set<String>> files = new java.util.HashMap<>();
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.QUERY_RESULTS)) {
                Table table = catalog.loadTable(id);
                Set<String> locations = new TreeSet<>();
                for (Snapshot snapshot : table.snapshots()) {
                    try (CloseableIterable<FileScanTask> tasks =
                            table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
                        tasks.forEach(task -> locations.add(task.file().location()));
                    }
                }
                files.put(id, locations);
            }
        }
        return files;
    }

    private Map<TableIdentifier, String> metadataLocations() {
        Map<TableIdentifier, String> locations = new java.util.HashMap<>();
        try (JdbcCatalog catalog = EvalStores.localCatalog(warehouse)) {
            for (TableIdentifier id : List.of(EvalTables.SET_ITEMS, EvalTables.RUNS, EvalTables.QUERY_RESULTS)) {
                Table table = catalog.loadTable(id);
                locations.put(
                        id,
                        ((org.apache.iceberg.HasTableOperations) table)
                                .operations()
                                .current()
                                .metadataFileLocation());
            }
        }
        return locations;
    }

    /** Every file under the warehouse whose bytes contain the text's UTF-8 bytes. */
    private List<String> filesHolding(String text) {
        return io.ragplatform.fixtures.ByteScan.filesHolding(warehouse, text).stream()
                .map(f -> warehouse.relativize(f).toString())
                .toList();
    }
}

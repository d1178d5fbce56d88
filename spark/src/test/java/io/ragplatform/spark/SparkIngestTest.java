package io.ragplatform.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.index.sync.SyncReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source's life, ingested twice side by side: by the service's path (a directory source synced into a Lucene
 * index by {@code SourceSynchronizer}, each version exported to the corpus tables by {@code CorpusTables}) and by the
 * Spark job ({@code local[2]}) into a warehouse of its own. First the handbook in every format: the two warehouses hold
 * the same rows of {@code documents}, {@code chunks} and {@code occurrences} but for the two columns that say when each
 * writer stored a document ({@link WarehouseRows#TIMES}), and the same vectors. Then the job again over the same
 * files: no row changes, no snapshot. Then files change, go and break between two syncs: the job leaves what the
 * service leaves. The steps run in order on one state (each needs the one before; a Spark run costs seconds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkIngestTest {
    static final List<String> HANDBOOK =
            List.of("handbook.docx", "handbook.eml", "handbook.html", "handbook.md", "handbook.pdf", "handbook.txt");
    private static final List<String> TABLES = List.of("documents", "chunks", "occurrences", "embeddings");

    /** One directory for the whole class (the steps share their state; an instance field's would go per test). */
    @TempDir
    static Path dir;

    private Path input;
    private ServiceCorpus service;
    private Path serviceWarehouse;
    private Path sparkWarehouse;
    private Map<String, Record> firstRun;

    @AfterAll
    void close() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    private IngestReport run(Path from) {
        serviceWarehouse = dir.resolve("service/warehouse");
        sparkWarehouse = dir.resolve("spark/warehouse");
        IngestReport report = IngestJob.run(SparkTests.spark(), options(from, sparkWarehouse));
        System.out.println("phases " + report.phases() + " (" + report.seconds() + " s)");
        return report;
    }

    /** The handbook's six formats, the edited text in a subdirectory, and a hidden file both sides skip. */
    static Path handbookSource(Path dir) throws IOException {
        Path input = Files.createDirectories(dir.resolve("handbook"));
        for (String name : HANDBOOK) {
            Files.copy(Fixture.handbook(name), input.resolve(name));
        }
        Files.createDirectories(input.resolve("edits"));
        Files.copy(Fixture.handbook("handbook-edited.txt"), input.resolve("edits/handbook-edited.txt"));
        Files.writeString(input.resolve(".notes.txt"), "a hidden file is not part of the source");
        return input;
    }

    static JobOptions options(Path input, Path warehouse, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--input",
                input.toString(),
                "--warehouse",
                warehouse.toString(),
                "--source",
                "handbook",
                "--model",
                SparkTests.MODEL,
                "--language-models",
                "none"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void the_job_writes_the_rows_the_service_writes_for_the_handbook_in_every_format() throws IOException {
        input = handbookSource(dir);
        service = new ServiceCorpus(dir.resolve("service"));
        SyncReport sync = service.syncAndExport("handbook", input);
        assertEquals(0, sync.failed(), sync.failures().toString());

        IngestReport report = run(input);

        assertEquals(7, report.files());
        assertEquals(7, report.parsed());
        assertEquals(0, report.failed(), report.failures().toString());
        assertEquals(List.of("chunks", "embeddings", "occurrences", "documents"), report.commits());
        for (String table : List.of("documents", "chunks", "occurrences")) {
            List<String> service = WarehouseRows.rows(serviceWarehouse, table, WarehouseRows.TIMES);
            List<String> spark = WarehouseRows.rows(sparkWarehouse, table, WarehouseRows.TIMES);
            assertFalse(service.isEmpty(), table);
            assertEquals(service.size(), spark.size(), table + ": row count");
            assertEquals(service, spark, table);
        }
        List<Record> documents = WarehouseRows.records(sparkWarehouse, "documents");
        assertEquals(7, documents.size());
        assertEquals(documents.size(), report.documentsCreated());
        for (Record d : documents) {
            assertEquals(1, d.getField("version"));
            assertNotNull(d.getField("ingested_at"));
            assertEquals(d.getField("ingested_at"), d.getField("updated_at"));
            assertTrue(((String) d.getField("source_id")).startsWith("handbook/"));
        }
        assertTrue(
                documents.stream().anyMatch(d -> d.getField("source_id").equals("handbook/edits/handbook-edited.txt")));
        assertEquals(WarehouseRows.rows(serviceWarehouse, "chunks", Set.of()).size(), report.chunksAdded());
        assertSameVectors(serviceWarehouse, sparkWarehouse);
        firstRun = bySource(documents);
    }

    @Test
    @Order(2)
    void a_second_run_over_the_same_files_changes_no_row_and_commits_no_snapshot() {
        Path warehouse = sparkWarehouse;
        Map<String, List<String>> rows = contents(warehouse);
        Map<String, Long> snapshots = currentSnapshots(warehouse);

        IngestReport second = run(input);

        assertEquals(7, second.unchanged(), "every file is unchanged without parsing");
        assertEquals(0, second.parsed());
        assertEquals(List.of(), second.commits());
        assertEquals(Map.of(), second.embedded());
        assertEquals(rows, contents(warehouse), "every column of every row, times included");
        assertEquals(snapshots, currentSnapshots(warehouse), "no table has a new snapshot");

        // the same files through Hadoop's file system (the object-store path: listing and copies to the executor)
        IngestReport third = run(Path.of(input.toUri().toString()));
        assertEquals(7, third.files());
        assertEquals(7, third.unchanged(), "the same sourceIds, sizes and bytes");
        assertEquals(List.of(), third.commits());
        assertEquals(rows, contents(warehouse));
        assertEquals(snapshots, currentSnapshots(warehouse));
    }

    @Test
    @Order(3)
    void a_changed_a_removed_and_a_broken_file_leave_what_a_sync_of_the_service_leaves() throws IOException {
        Map<String, Record> before = firstRun;

        // new text (a paragraph added), new bytes with the same text, a file gone (its edited section was the
        // only copy of a chunk), and a file that is no document
        Files.writeString(
                input.resolve("handbook.txt"),
                "\n\nVisitor badges are returned to the north entrance at the end of each day.\n",
                StandardCharsets.ISO_8859_1,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                input.resolve("handbook.html"),
                Files.readString(input.resolve("handbook.html"), StandardCharsets.UTF_8) + "\n<!-- re-saved -->\n",
                StandardCharsets.UTF_8);
        Files.delete(input.resolve("edits/handbook-edited.txt"));
        Files.write(input.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj <<>> garbage".getBytes(StandardCharsets.US_ASCII));

        SyncReport sync = service.syncAndExport("handbook", input);
        IngestReport report = run(input);

        assertEquals(1, sync.failed(), sync.toString());
        assertEquals(1, report.failed(), report.toString());
        assertEquals(
                sync.failures().getFirst().split(":")[0],
                report.failures().getFirst().sourceId());
        assertEquals(
                sync.failures().getFirst().split(": ")[1],
                report.failures().getFirst().error(),
                "the same reason code");
        for (String table : List.of("documents", "chunks", "occurrences")) {
            assertEquals(
                    WarehouseRows.rows(serviceWarehouse, table, WarehouseRows.TIMES),
                    WarehouseRows.rows(sparkWarehouse, table, WarehouseRows.TIMES),
                    table);
        }
        Map<String, Record> after = bySource(WarehouseRows.records(sparkWarehouse, "documents"));
        assertEquals(
                new TreeSet<>(before.keySet())
                        .stream()
                                .filter(s -> !s.equals("handbook/edits/handbook-edited.txt"))
                                .collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(after.keySet()));
        Record text = after.get("handbook/handbook.txt");
        assertEquals(2, text.getField("version"), "new content: a new version");
        assertEquals(before.get("handbook/handbook.txt").getField("ingested_at"), text.getField("ingested_at"));
        assertNotEquals(before.get("handbook/handbook.txt").getField("updated_at"), text.getField("updated_at"));
        Record html = after.get("handbook/handbook.html");
        assertEquals(1, html.getField("version"), "same text from other bytes: the same version");
        assertNotEquals(before.get("handbook/handbook.html").getField("file_hash"), html.getField("file_hash"));
        assertEquals(before.get("handbook/handbook.html").getField("updated_at"), html.getField("updated_at"));
        Record pdf = after.get("handbook/handbook.pdf");
        assertEquals(before.get("handbook/handbook.pdf").copy(), pdf.copy(), "an unchanged file keeps its row");
        assertEquals(2, report.parsed(), "the text and the HTML file");
        assertEquals(4, report.unchanged(), "DOCX, e-mail, PDF, Markdown: not parsed");
        assertEquals(1, report.documentsDeleted());
        assertEquals(2, report.documentsUpdated());
        assertTrue(report.chunksAdded() > 0 && report.chunksAdded() <= 2, "the text's last section: " + report);
        assertTrue(report.chunksRemoved() > 0, "the edited section's chunk: " + report);
        assertEquals(Map.of(SparkTests.MODEL, report.chunksAdded()), report.embedded(), "only new chunks embed");
        assertEquals(report.chunksRemoved(), report.embeddingsRemoved());
        assertEquals(
                WarehouseRows.rows(sparkWarehouse, "chunks", Set.of("text", "languages")),
                WarehouseRows.rows(sparkWarehouse, "embeddings", Set.of("model_id", "vector")),
                "one vector per chunk, none of a removed chunk");
    }

    private static Map<String, Record> bySource(List<Record> documents) {
        Map<String, Record> out = new HashMap<>();
        documents.forEach(d -> out.put((String) d.getField("source_id"), d));
        return out;
    }

    private static Map<String, List<String>> contents(Path warehouse) {
        Map<String, List<String>> out = new TreeMap<>();
        TABLES.forEach(t -> out.put(t, WarehouseRows.rows(warehouse, t, Set.of())));
        return out;
    }

    private static Map<String, Long> currentSnapshots(Path warehouse) {
        Map<String, Long> out = new TreeMap<>();
        for (String t : TABLES) {
            List<Snapshot> all = WarehouseRows.snapshots(warehouse, t);
            out.put(t, all.isEmpty() ? -1 : all.getLast().snapshotId());
            out.put(t + " snapshots", (long) all.size());
        }
        return out;
    }
    /** Same (chunk, model) keys; the same model on the same text gives the same vector (to float rounding). */
    private static void assertSameVectors(Path service, Path spark) {
        Map<String, List<?>> expected = vectors(service);
        Map<String, List<?>> actual = vectors(spark);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, v) -> {
            List<?> w = actual.get(key);
            assertEquals(v.size(), w.size(), key);
            for (int i = 0; i < v.size(); i++) {
                assertEquals((Float) v.get(i), (Float) w.get(i), 1e-5f, key + "[" + i + "]");
            }
        });
    }

    private static Map<String, List<?>> vectors(Path warehouse) {
        Map<String, List<?>> out = new HashMap<>();
        for (Record r : WarehouseRows.records(warehouse, "embeddings")) {
            out.put(r.getField("chunk_id") + "/" + r.getField("model_id"), (List<?>) r.getField("vector"));
        }
        return out;
    }
}

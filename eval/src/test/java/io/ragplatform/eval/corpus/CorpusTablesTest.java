package io.ragplatform.eval.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStores;
import io.ragplatform.fixtures.Fixture;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.CorpusChunk;
import io.ragplatform.index.CorpusVisitor;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.VersionNotRetainedException;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.DocumentPreparer;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real index (Tika, the structural chunker, BGE small with the Chinese model routed in) exported into real Iceberg
 * tables in a temporary warehouse, and the tables read back with Iceberg's generic reader: every row matches what the
 * index holds, each table's snapshot is tagged with the index version, a second export changes nothing, and a later
 * version lacks what was deleted while the earlier tag still shows it.
 */
class CorpusTablesTest {
    private static final String NOTES =
            "Badge Office\n\nVisitor badges are issued at the north entrance and returned at the end of each day.";
    private static final String CHINESE = "访客证件\n\n访客证件在北门发放，每天结束时归还。数据所有者决定谁可以访问数据。";

    /** The columns of {@code corpus.documents} that hold a field of the stored record as it is (JSON name in camel case). */
    private static final List<String> RECORD_COLUMNS =
            List.of(("document_id source_id path version content_hash metadata_hash content_type language license acl "
                            + "text_length pipeline metadata properties parent_document_id")
                    .split(" "));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Embedder embedder;
    private static DocumentPreparer preparer;

    @TempDir
    Path dir;

    @BeforeAll
    static void models() {
        embedder = Embedders.routed(
                Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0),
                Map.of(TextLanguages.CHINESE, Embedders.named(Embedders.BGE_SMALL_ZH_V15_Q, 0)));
        Canonicalizer canon = Canonicalizer.standard();
        preparer = new DocumentPreparer(
                Extractors.tika(ExtractionLimits.DEFAULTS),
                canon,
                Chunker.structural(embedder.tokenCounter(), embedder.maxTokens() - 2, canon.hashVersion()),
                text -> TextLanguages.of(text).contains(TextLanguages.CHINESE) ? "zh" : "en");
    }

    private RagIndex index;
    private CorpusTables corpus;

    @BeforeEach
    void open() {
        index = RagIndex.open(dir.resolve("index"), embedder, preparer.pipelineVersion());
        corpus = CorpusTables.local(dir.resolve("warehouse"));
    }

    @AfterEach
    void close() throws IOException {
        corpus.close();
        index.close();
    }

    private void put(RagIndex index, String sourceId, Path file) {
        index.upsert(preparer.prepare(file, file.getFileName().toString(), sourceId, Map.of(), Acl.PUBLIC_ONLY));
    }

    private void put(RagIndex index, String sourceId, String text) {
        try {
            Path f = dir.resolve(sourceId.replace('/', '_') + ".txt");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            put(index, sourceId, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two sources sharing every chunk, and a Chinese one (vectors of both models). */
    private void smallCorpus(RagIndex index) {
        put(index, "notes/a.txt", NOTES);
        put(index, "notes/b.txt", NOTES);
        put(index, "zh/badges.txt", CHINESE);
    }

    private static String camelCase(String column) {
        StringBuilder out = new StringBuilder();
        for (String part : column.split("_")) {
            out.append(out.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private JdbcCatalog catalog() {
        return EvalStores.localCatalog(dir.resolve("warehouse"));
    }

    private static Table table(JdbcCatalog catalog, String name) {
        return catalog.loadTable(TableIdentifier.of(CorpusTables.NAMESPACE, name));
    }

    private static List<Record> rows(Table table, long snapshotId) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read =
                IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
            read.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static long tagged(Table table, long version) {
        var ref = table.refs().get(CorpusTables.tag(version));
        assertNotNull(ref, table.name() + " has the tag of version " + version);
        assertTrue(ref.isTag());
        return ref.snapshotId();
    }

    /** Every table's rows at the tag of {@code version}, as sorted strings: contents to compare. */
    private static Map<String, List<String>> contents(JdbcCatalog catalog, long version) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : List.of("documents", "chunks", "occurrences", "embeddings")) {
            Table t = table(catalog, name);
            out.put(
                    name,
                    rows(t, tagged(t, version)).stream()
                            .map(Record::toString)
                            .sorted()
                            .toList());
        }
        return out;
    }

    private static Set<String> column(List<Record> rows, String column) {
        return rows.stream().map(r -> r.getField(column).toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The vectors the index holds, by chunk and model. */
    private static Map<String, Map<String, float[]>> vectors(RagIndex index, long version) {
        Map<String, Map<String, float[]>> out = new HashMap<>();
        index.forEachEntry(version, new CorpusVisitor() {
            @Override
            public void document(DocumentRecord document) {}

            @Override
            public void chunk(CorpusChunk chunk) {
                out.put(chunk.chunkId(), chunk.vectors());
            }
        });
        return out;
    }

    @Test
    void an_export_writes_every_entry_with_the_index_ids_spans_pages_and_vectors_and_tags_each_table()
            throws IOException {
        try (EvalStore evalStore = EvalStores.local(dir.resolve("warehouse"))) {
            put(index, "handbook.pdf", Fixture.handbook("handbook.pdf"));
            smallCorpus(index);
            long version = index.stats().indexVersion();
            CorpusExport export = corpus.export(index, version);
            assertEquals("index-v" + version, export.tag());
            assertEquals(
                    Set.of("chunks", "documents", "embeddings", "occurrences"),
                    export.tables().keySet());
            assertTrue(export.tables().values().stream().allMatch(CorpusExport.Table::written));

            try (JdbcCatalog catalog = catalog()) {
                assertTrue(catalog.listNamespaces().containsAll(List.of(Namespace.of("eval"), Namespace.of("corpus"))));
                Map<String, Long> snapshots = new TreeMap<>();
                for (String name : export.tables().keySet()) {
                    Table t = table(catalog, name);
                    long tagged = tagged(t, version);
                    assertEquals(export.tables().get(name).snapshotId(), tagged, name);
                    assertEquals(t.currentSnapshot().snapshotId(), tagged, name + ": the current state is the version");
                    assertEquals(
                            Long.toString(version),
                            t.currentSnapshot().summary().get("rag.index.version"));
                    snapshots.put(name, tagged);
                }

                List<DocumentRecord> records = new ArrayList<>();
                for (String source : index.sourceIds("")) {
                    records.addAll(index.documentsOfSource(source, AccessScope.ALL));
                }
                List<Record> documents = rows(table(catalog, "documents"), snapshots.get("documents"));
                assertEquals(index.stats().documents(), documents.size());
                assertEquals(documents.size(), export.tables().get("documents").rows());
                Map<String, DocumentRecord> byId = new HashMap<>();
                records.forEach(r -> byId.put(r.documentId(), r));
                for (Record row : documents) {
                    DocumentRecord d = byId.get(row.getField("document_id").toString());
                    assertNotNull(d, "a document of the index");
                    Map<?, ?> stored = JSON.convertValue(d, Map.class);
                    for (String column : RECORD_COLUMNS) {
                        assertEquals(stored.get(camelCase(column)), row.getField(column), column);
                    }
                }
                Record pdf = documents.stream()
                        .filter(r -> r.getField("source_id").equals("handbook.pdf"))
                        .findFirst()
                        .orElseThrow();
                assertEquals("Northwind Data Handling Handbook", pdf.getField("title"));
                assertTrue((Integer) pdf.getField("pages") > 1, "the PDF's page count");

                List<Record> occurrences = rows(table(catalog, "occurrences"), snapshots.get("occurrences"));
                assertEquals(records.stream().mapToInt(r -> r.chunks().size()).sum(), occurrences.size());
                for (Record row : occurrences) {
                    DocumentRecord d = byId.get(row.getField("document_id").toString());
                    ChunkRef ref = d.chunks().get((Integer) row.getField("ordinal"));
                    assertEquals(ref.chunkId(), row.getField("chunk_id"));
                    assertEquals(ref.charStart(), row.getField("char_start"));
                    assertEquals(ref.charEnd(), row.getField("char_end"));
                    assertEquals(ref.page(), row.getField("page"));
                    assertEquals(d.version(), row.getField("version"));
                    assertEquals(d.sourceId(), row.getField("source_id"));
                }
                assertTrue(
                        occurrences.stream()
                                .filter(r -> r.getField("source_id").equals("handbook.pdf"))
                                .allMatch(r -> (Integer) r.getField("page") >= 1),
                        "every PDF chunk has its page");
                Map<Object, Set<Object>> sourcesOfChunk = new HashMap<>();
                occurrences.forEach(r -> sourcesOfChunk
                        .computeIfAbsent(r.getField("chunk_id"), k -> new TreeSet<>())
                        .add(r.getField("source_id")));
                assertTrue(
                        sourcesOfChunk.containsValue(Set.of("notes/a.txt", "notes/b.txt")),
                        "a chunk two sources share has an occurrence in each");

                List<Record> chunks = rows(table(catalog, "chunks"), snapshots.get("chunks"));
                assertEquals(index.stats().chunks(), chunks.size());
                assertEquals(
                        sourcesOfChunk.keySet().size(),
                        column(chunks, "chunk_id").size(),
                        "one row per chunk");
                int chinese = 0;
                for (Record row : chunks) {
                    String id = row.getField("chunk_id").toString();
                    assertEquals(index.chunk(id, AccessScope.ALL).orElseThrow().text(), row.getField("text"));
                    @SuppressWarnings("unchecked")
                    List<String> languages = (List<String>) row.getField("languages");
                    if (languages.contains(TextLanguages.CHINESE)) {
                        chinese++;
                    }
                }
                assertTrue(chinese > 0, "the Chinese chunk");

                List<Record> embeddings = rows(table(catalog, "embeddings"), snapshots.get("embeddings"));
                assertEquals(chunks.size() + chinese, embeddings.size(), "a row per model that embedded a chunk");
                Map<String, Map<String, float[]>> stored = vectors(index, version);
                for (Record row : embeddings) {
                    @SuppressWarnings("unchecked")
                    List<Float> values = (List<Float>) row.getField("vector");
                    float[] vector = new float[values.size()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = values.get(i);
                    }
                    String model = row.getField("model_id").toString();
                    assertArrayEquals(
                            stored.get(row.getField("chunk_id").toString()).get(model), vector, 0f, model);
                    assertEquals(Embedders.BGE_SMALL_ZH_V15_Q.equals(model) ? 512 : 384, vector.length);
                }
                assertEquals(
                        Set.of(Embedders.BGE_SMALL_EN_V15_Q, Embedders.BGE_SMALL_ZH_V15_Q),
                        column(embeddings, "model_id"));
            }
        }
    }

    @Test
    void exporting_the_same_version_again_changes_no_row_and_commits_nothing() throws IOException {
        smallCorpus(index);
        long version = index.stats().indexVersion();
        CorpusExport first = corpus.export(index, version);
        Map<String, List<String>> before;
        try (JdbcCatalog catalog = catalog()) {
            before = contents(catalog, version);
        }
        CorpusExport again = corpus.export(index, version);
        assertFalse(again.written(), "every table held the version");
        assertEquals(first.tables().keySet(), again.tables().keySet());
        first.tables().forEach((name, t) -> {
            assertEquals(t.snapshotId(), again.tables().get(name).snapshotId(), name);
            assertEquals(t.rows(), again.tables().get(name).rows(), name);
        });
        try (JdbcCatalog catalog = catalog()) {
            assertEquals(before, contents(catalog, version));
            for (String name : first.tables().keySet()) {
                Table t = table(catalog, name);
                assertEquals(
                        first.tables().get(name).snapshotId(),
                        t.currentSnapshot().snapshotId(),
                        name);
            }
        }
        // a fresh instance over the same warehouse (another process, a restart) sees the same and writes nothing
        try (CorpusTables reopened = CorpusTables.local(dir.resolve("warehouse"))) {
            assertFalse(reopened.export(index, version).written());
        }
        // an export that stopped before its last commit: the table without the tag is written again, alike
        try (JdbcCatalog catalog = catalog()) {
            table(catalog, "documents")
                    .manageSnapshots()
                    .removeTag(CorpusTables.tag(version))
                    .commit();
        }
        CorpusExport repaired = corpus.export(index, version);
        assertTrue(repaired.tables().get("documents").written());
        assertEquals(
                List.of("documents"),
                repaired.tables().entrySet().stream()
                        .filter(t -> t.getValue().written())
                        .map(Map.Entry::getKey)
                        .toList());
        try (JdbcCatalog catalog = catalog()) {
            assertEquals(before, contents(catalog, version));
        }
    }

    @Test
    void after_a_deletion_the_next_version_lacks_its_rows_while_the_previous_tag_still_shows_them() throws IOException {
        smallCorpus(index);
        long v1 = index.stats().indexVersion();
        corpus.export(index, v1);
        DocumentRecord zh =
                index.documentsOfSource("zh/badges.txt", AccessScope.ALL).getFirst();
        Set<String> zhChunks =
                zh.chunks().stream().map(ChunkRef::chunkId).collect(Collectors.toCollection(TreeSet::new));
        DocumentRecord copy =
                index.documentsOfSource("notes/b.txt", AccessScope.ALL).getFirst();
        index.deleteSource("zh/badges.txt");
        index.deleteSource("notes/b.txt");
        long v2 = index.stats().indexVersion();
        CorpusExport export = corpus.export(index, v2);
        assertEquals(index.stats().documents(), export.tables().get("documents").rows());
        assertEquals(index.stats().chunks(), export.tables().get("chunks").rows());

        try (JdbcCatalog catalog = catalog()) {
            Table documents = table(catalog, "documents");
            Set<String> now = column(rows(documents, documents.currentSnapshot().snapshotId()), "document_id");
            Set<String> then = column(rows(documents, tagged(documents, v1)), "document_id");
            assertEquals(
                    Set.of(index.documentsOfSource("notes/a.txt", AccessScope.ALL)
                            .getFirst()
                            .documentId()),
                    now);
            assertTrue(then.containsAll(Set.of(zh.documentId(), copy.documentId())), "v1 still shows them");
            assertEquals(tagged(documents, v2), documents.currentSnapshot().snapshotId());

            Table occurrences = table(catalog, "occurrences");
            assertFalse(column(rows(occurrences, tagged(occurrences, v2)), "source_id")
                    .contains("notes/b.txt"));
            assertTrue(column(rows(occurrences, tagged(occurrences, v1)), "source_id")
                    .containsAll(Set.of("notes/b.txt", "zh/badges.txt")));

            for (String name : List.of("chunks", "embeddings")) {
                Table t = table(catalog, name);
                Set<String> current = column(rows(t, tagged(t, v2)), "chunk_id");
                Set<String> before = column(rows(t, tagged(t, v1)), "chunk_id");
                assertTrue(before.containsAll(zhChunks), name + " at v1");
                assertTrue(current.stream().noneMatch(zhChunks::contains), name + " at v2: the chunks are gone");
            }
            Table embeddings = table(catalog, "embeddings");
            assertEquals(
                    Set.of(Embedders.BGE_SMALL_EN_V15_Q),
                    column(rows(embeddings, tagged(embeddings, v2)), "model_id"),
                    "no Chinese vector is left");
        }
        assertFalse(corpus.export(index, v1).written(), "an exported older version is held by its tag");

        index.deleteSource("notes/a.txt");
        long empty = index.stats().indexVersion();
        CorpusExport none = corpus.export(index, empty);
        assertTrue(none.written());
        assertTrue(none.tables().values().stream().allMatch(t -> t.rows() == 0), none.toString());
        try (JdbcCatalog catalog = catalog()) {
            assertTrue(contents(catalog, empty).values().stream().allMatch(List::isEmpty), "an empty version");
            assertFalse(contents(catalog, v2).get("documents").isEmpty(), "v2 as it was");
        }
    }

    @Test
    void an_older_untagged_version_a_foreign_tag_and_a_dropped_version_are_refused() throws IOException {
        smallCorpus(index);
        long newest = index.stats().indexVersion();
        assertEquals(3, newest, "one version per upload");
        corpus.export(index, 1);
        corpus.export(index, newest);
        CorpusTablesException older = assertThrows(CorpusTablesException.class, () -> corpus.export(index, 2));
        assertEquals(CorpusTablesException.VERSION_CONFLICT, older.code());
        assertTrue(older.getMessage().contains("holds index version 3"), older.getMessage());
        assertFalse(older.retryable());
        assertThrows(VersionNotRetainedException.class, () -> corpus.export(index, 999));

        // another index (a new data directory) makes its own version 1: its tag in the tables is not this one's
        try (RagIndex other = RagIndex.open(dir.resolve("other"), embedder, preparer.pipelineVersion())) {
            put(other, "notes/a.txt", NOTES);
            CorpusTablesException foreign = assertThrows(CorpusTablesException.class, () -> corpus.export(other, 1));
            assertEquals(CorpusTablesException.VERSION_CONFLICT, foreign.code());
            assertTrue(foreign.getMessage().contains("index commit made at"), foreign.getMessage());
        }
    }

    @Test
    void tables_made_in_a_callers_catalog_are_the_local_ones_and_their_rows_are_the_exports() {
        try (JdbcCatalog own = EvalStores.localCatalog(dir.resolve("other-warehouse"))) {
            CorpusTables.in(own).close();
            assertTrue(own.tableExists(TableIdentifier.of(CorpusTables.NAMESPACE, "documents")), "still open");
            try (JdbcCatalog local = catalog()) {
                for (String name : CorpusRows.TABLES) {
                    Table mine = table(own, name);
                    Table theirs = table(local, name);
                    assertTrue(mine.schema().sameSchema(theirs.schema()), name);
                    // a new table's field IDs are assigned afresh: the columns are compared by name and type
                    assertEquals(columns(CorpusRows.schema(name)), columns(mine.schema()), name);
                    assertEquals(
                            theirs.spec().fields().toString(),
                            mine.spec().fields().toString(),
                            name);
                    assertEquals(theirs.sortOrder().toString(), mine.sortOrder().toString(), name);
                    assertEquals(theirs.properties(), mine.properties(), name);
                }
            }
        }
        put(index, "notes/a.txt", NOTES);
        long version = index.stats().indexVersion();
        corpus.export(index, version);
        DocumentRecord record =
                index.documentsOfSource("notes/a.txt", AccessScope.ALL).getFirst();
        try (JdbcCatalog catalog = catalog()) {
            List<Record> documents = rows(table(catalog, "documents"), tagged(table(catalog, "documents"), version));
            // the times are truncated to microseconds in the table
            assertEquals(
                    List.of(withoutTimes(CorpusRows.document(record))),
                    documents.stream().map(CorpusTablesTest::withoutTimes).toList());
            assertEquals(
                    CorpusRows.occurrences(record).stream()
                            .map(Record::toString)
                            .sorted()
                            .toList(),
                    rows(table(catalog, "occurrences"), tagged(table(catalog, "occurrences"), version)).stream()
                            .map(Record::toString)
                            .sorted()
                            .toList());
        }
        assertThrows(IllegalArgumentException.class, () -> CorpusRows.schema("votes"));
    }

    private static String withoutTimes(Record row) {
        Record copy = row.copy();
        copy.setField("ingested_at", null);
        copy.setField("updated_at", null);
        return copy.toString();
    }

    private static List<String> columns(org.apache.iceberg.Schema schema) {
        return schema.columns().stream()
                .map(f -> f.name() + " " + (f.isOptional() ? "optional " : "required ") + f.type())
                .toList();
    }
}

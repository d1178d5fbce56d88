package io.ragplatform.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.eval.corpus.CorpusTables;
import io.ragplatform.eval.run.EvalRunner;
import io.ragplatform.eval.run.RunOutcome;
import io.ragplatform.eval.run.RunSpec;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStores;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.ChunkRef;
import io.ragplatform.index.DocumentRecord;
import io.ragplatform.index.Occurrence;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries of docs/SPARK.md, run as written against a warehouse the service wrote (two sources synced into an
 * index and exported, an evaluation run stored beside them), give what the index holds.
 */
class SparkCorpusQueriesTest {
    @TempDir
    Path dir;

    @Test
    void the_documented_queries_count_on_the_service_warehouse_what_the_index_holds() throws IOException {
        Path handbook = SparkIngestTest.handbookSource(dir);
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(
                notes.resolve("badges.txt"),
                "Badge Office\n\nVisitor badges are issued at the north entrance and returned at the end of each day.",
                StandardCharsets.UTF_8);
        Files.writeString(
                notes.resolve("zh.txt"),
                "访客证件\n\n访客证件在北门发放，每天结束时归还。数据所有者决定谁可以访问数据，并且每年审查一次访问权限。",
                StandardCharsets.UTF_8);
        Path warehouse = dir.resolve("service/warehouse");
        Expected expected;
        String runId;
        long version;
        try (ServiceCorpus service = new ServiceCorpus(dir.resolve("service"))) {
            service.syncAndExport("handbook", handbook, "cc-by-4.0");
            service.syncAndExport("notes", notes);
            version = service.index.stats().indexVersion();
            try (EvalStore store = EvalStores.local(warehouse)) {
                store.createVersion(
                        "badges",
                        List.of(
                                EvalItem.of("q1", "visitor badges", List.of(Relevance.source("notes/badges.txt"))),
                                EvalItem.of("q2", "audit trail requirements", List.of())));
                RunOutcome run = new EvalRunner(service.index, store, () -> null, 0)
                        .run(new RunSpec("badges", null, SearchMode.HYBRID, 3, version, AccessScope.ALL));
                runId = run.run().pins().runId();
                expected = expected(service.index, run.results());
            }
        }
        Map<String, String> queries = DocQueries.load();
        assertEquals(
                Set.of("by-source", "by-source-license-language", "chunks-per-document", "retrieved-documents"),
                queries.keySet());
        SparkSession spark = SparkCorpus.session(SparkTests.spark(), warehouse);
        String tag = CorpusTables.tag(version);

        List<Row> bySource = run(spark, queries.get("by-source"), tag, runId);
        Map<String, List<Long>> counts = new TreeMap<>();
        bySource.forEach(r -> counts.put(r.getString(0), List.of(r.getLong(1), r.getLong(2), r.getLong(3))));
        assertEquals(expected.bySource, counts, "documents, chunks, distinct chunks by source");

        Map<String, List<Long>> byLicense = new TreeMap<>();
        run(spark, queries.get("by-source-license-language"), tag, runId)
                .forEach(r -> byLicense.put(
                        r.getString(0) + " " + r.getString(1) + " " + r.getString(2),
                        List.of(r.getLong(3), r.getLong(4))));
        assertEquals(expected.byLicenseAndLanguage, byLicense);
        assertTrue(byLicense.keySet().stream().anyMatch(k -> k.startsWith("handbook cc-by-4.0 ")));
        assertTrue(byLicense.keySet().stream().anyMatch(k -> k.startsWith("notes unknown zh")), byLicense.toString());

        Map<String, Long> perDocument = new TreeMap<>();
        run(spark, queries.get("chunks-per-document"), tag, runId)
                .forEach(r -> perDocument.put(r.getString(0) + r.getString(1), r.getLong(5)));
        assertEquals(expected.chunksPerDocument, perDocument);

        Set<String> retrieved = new TreeSet<>();
        run(spark, queries.get("retrieved-documents"), tag, runId)
                .forEach(r -> retrieved.add(
                        r.getString(0) + " " + r.getInt(1) + " " + r.getString(2) + " " + r.getString(3)));
        assertFalse(retrieved.isEmpty());
        assertEquals(expected.retrieved, retrieved, "each retrieved chunk with every document holding it");
    }

    private static List<Row> run(SparkSession spark, String query, String tag, String runId) {
        return spark.sql(query.replace("index-v12", tag).replace("RUN-ID", runId))
                .collectAsList();
    }

    private record Expected(
            Map<String, List<Long>> bySource,
            Map<String, List<Long>> byLicenseAndLanguage,
            Map<String, Long> chunksPerDocument,
            Set<String> retrieved) {}

    /** The index's own counts, as the governance audit makes them (every document of every source). */
    private static Expected expected(RagIndex index, List<QueryResultRecord> results) {
        Map<String, long[]> bySource = new TreeMap<>();
        Map<String, Set<String>> distinct = new TreeMap<>();
        Map<String, Set<String>> documents = new TreeMap<>();
        Map<String, long[]> byLicense = new TreeMap<>();
        Map<String, Set<String>> licenseDocuments = new TreeMap<>();
        Map<String, Long> perDocument = new TreeMap<>();
        for (String sourceId : index.sourceIds("")) {
            String source = sourceId.substring(0, sourceId.indexOf('/'));
            for (DocumentRecord d : index.documentsOfSource(sourceId, AccessScope.ALL)) {
                int n = d.chunks().size();
                bySource.computeIfAbsent(source, k -> new long[1])[0] += n;
                documents.computeIfAbsent(source, k -> new HashSet<>()).add(d.documentId());
                d.chunks().stream()
                        .map(ChunkRef::chunkId)
                        .forEach(id -> distinct.computeIfAbsent(source, k -> new HashSet<>())
                                .add(id));
                String key = source + " " + d.license() + " " + d.language();
                byLicense.computeIfAbsent(key, k -> new long[1])[0] += n;
                licenseDocuments.computeIfAbsent(key, k -> new HashSet<>()).add(d.documentId());
                perDocument.put(d.sourceId() + d.path(), (long) n);
            }
        }
        Map<String, List<Long>> sources = new TreeMap<>();
        bySource.forEach((s, n) ->
                sources.put(s, List.of((long) documents.get(s).size(), n[0], (long)
                        distinct.get(s).size())));
        Map<String, List<Long>> licenses = new TreeMap<>();
        byLicense.forEach((k, n) ->
                licenses.put(k, List.of((long) licenseDocuments.get(k).size(), n[0])));
        Set<String> retrieved = new TreeSet<>();
        for (QueryResultRecord r : results) {
            List<String> ids = new ArrayList<>(r.retrievedChunkIds());
            for (int rank = 1; rank <= ids.size(); rank++) {
                String chunkId = ids.get(rank - 1);
                for (Occurrence o :
                        index.chunk(chunkId, AccessScope.ALL).orElseThrow().occurrences()) {
                    retrieved.add(r.itemId() + " " + rank + " " + chunkId + " " + o.sourceId());
                }
            }
        }
        return new Expected(sources, licenses, perDocument, retrieved);
    }
}

package io.ragplatform.bench;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Ingestion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchFilter;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import io.ragplatform.ingest.Acl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Search throughput on a small built index: the handbook in six formats uploaded {@code copies} times under distinct
 * sourceIds (the six formats share most chunks, so the index holds a few dozen chunks and many occurrences). Keyword
 * search runs BM25 per query; vector search takes query vectors embedded once in the setup, so it measures the HNSW
 * search and the result assembly, not the model. Each invocation runs one query, cycling through {@link
 * Handbook#QUERIES}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SearchBenchmarks extends HandbookBenchmark {
    /** The embedding model of the index ({@code hash}: a stand-in without a model, see HashEmbedder). */
    @Param({"bge-small-en-v15-q"})
    public String model;

    /** How many times the six handbook files are uploaded (under new sourceIds each time). */
    @Param({"4"})
    public int copies;

    @Param({"10"})
    public int k;

    private Path dir;
    private RagIndex index;
    private float[][] queryVectors;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Embedder embedder = Handbook.embedder(model);
        dir = Files.createTempDirectory("search-bench-");
        var preparer = Handbook.preparer(embedder);
        index = RagIndex.open(dir.resolve("index"), embedder, preparer.pipelineVersion());
        Ingestion ingestion = new Ingestion(preparer, index);
        for (int c = 0; c < copies; c++) {
            for (String format : Handbook.FORMATS) {
                ingestion.ingest(
                        Handbook.file(format),
                        "handbook." + format,
                        "copy" + c + "/" + format,
                        Map.of(),
                        Acl.PUBLIC_ONLY);
            }
        }
        queryVectors = Handbook.QUERIES.stream().map(embedder::embedQuery).toArray(float[][]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        index.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Benchmark
    public SearchResults keyword() {
        return nextQuery(SearchMode.KEYWORD);
    }

    @Benchmark
    public SearchResults vector() {
        float[] v = queryVectors[next++ % queryVectors.length];
        return index.searchVector(v, k, SearchFilter.NONE);
    }

    /** Hybrid search of the handbook queries over and over: after the first round every query embedding is cached. */
    @Benchmark
    public SearchResults hybridRepeated() {
        return nextQuery(SearchMode.HYBRID);
    }

    /** The next handbook query, in turn, searched in {@code mode}. */
    private SearchResults nextQuery(SearchMode mode) {
        return index.search(request(Handbook.QUERIES.get(next++ % Handbook.QUERIES.size()), mode));
    }

    /** Hybrid search of a query never seen before (a handbook query with a new number): the model embeds each one. */
    @Benchmark
    public SearchResults hybridFresh() {
        int n = next++;
        String q = Handbook.QUERIES.get(n % Handbook.QUERIES.size()) + " " + n;
        return index.search(request(q, SearchMode.HYBRID));
    }

    /** A search of the current version without filters. */
    private SearchRequest request(String query, SearchMode mode) {
        return new SearchRequest(query, k, mode);
    }
}

package io.ragplatform.bench;

import io.ragplatform.ingest.CanonicalText;
import io.ragplatform.ingest.Canonicalizer;
import io.ragplatform.ingest.Chunk;
import io.ragplatform.ingest.Chunker;
import io.ragplatform.ingest.ExtractedDocument;
import io.ragplatform.ingest.ExtractionLimits;
import io.ragplatform.ingest.Extractors;
import io.ragplatform.ingest.Hashing;
import io.ragplatform.ingest.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CPU steps between extraction and embedding, on the whole handbook (about 39,000 characters of canonical text, 36
 * sections): canonicalizing Tika's blocks, chunking the canonical text, and hashing the chunk texts into IDs. Tika's
 * extraction runs once in the setup and is not measured (IngestBench measures whole-file preparation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmarks extends HandbookBenchmark {
    /** The handbook file the blocks come from. */
    @Param({"html", "pdf"})
    public String format;

    /** The chunker's token counter: {@code approximate}, or a model's tokenizer (e.g. {@code bge-small-en-v15-q}). */
    @Param({"bge-small-en-v15-q"})
    public String tokenizer;

    private final Canonicalizer canonicalizer = Canonicalizer.standard();
    private ExtractedDocument extracted;
    private CanonicalText canonical;
    private Chunker chunker;
    private List<String> chunkTexts;

    @Setup
    public void setUp() {
        extracted = Extractors.tika(ExtractionLimits.DEFAULTS)
                .extract(Handbook.file(format), "handbook." + format)
                .get(0);
        canonical = canonicalizer.canonicalize(extracted);
        chunker = tokenizer.equals("approximate")
                ? Handbook.chunker(TokenCounter.approximate(), 510, canonicalizer)
                : Handbook.chunker(Handbook.embedder(tokenizer), canonicalizer);
        chunkTexts = chunker.chunk(canonical).stream().map(Chunk::text).toList();
    }

    @Benchmark
    public CanonicalText canonicalize() {
        return canonicalizer.canonicalize(extracted);
    }

    @Benchmark
    public List<Chunk> chunk() {
        return chunker.chunk(canonical);
    }

    /** The chunk IDs of the whole document: one SHA-256 per chunk text, as the chunker derives them. */
    @Benchmark
    public void hashChunkIds(Blackhole bh) {
        for (String text : chunkTexts) {
            bh.consume(Hashing.id128("chunk", canonicalizer.hashVersion(), "chunk-1", text));
        }
    }
}

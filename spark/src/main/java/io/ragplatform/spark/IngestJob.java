package io.ragplatform.spark;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import io.ragplatform.eval.corpus.CorpusTables;
import io.ragplatform.index.Embedder;
import io.ragplatform.spark.InputListing.InputFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.hadoop.SerializableConfiguration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion on Spark: the files of one source, prepared by the {@code ingest} module inside the executors, written to
 * the corpus tables ({@code rag.corpus.documents}, {@code chunks}, {@code occurrences}, {@code embeddings}) with the
 * identities the service gives them: sourceIds {@code <source>/<relative path>}, document and chunk IDs, spans, pages,
 * hashes and versions as a sync of a directory source would store them (docs/SPARK.md).
 *
 * <p>Idempotent: every write is a {@code MERGE} by key of what differs between the stored rows and the rows the input
 * makes, so a second run over the same input changes no row and commits nothing, and a run after a failed one finishes
 * what it left. Chunks are embedded once per chunk ID and model: only those the {@code embeddings} table lacks.
 *
 * <pre>
 * spark-submit --class io.ragplatform.spark.IngestJob rag-spark.jar --input DIR --warehouse DIR [--source NAME] ...
 * </pre>
 */
public final class IngestJob {
    /** The most failed files a report lists (all are counted). */
    public static final int MAX_REPORTED_FAILURES = 1000;

    private static final StructType LISTING = new StructType()
            .add("source_id", DataTypes.StringType, false)
            .add("file_name", DataTypes.StringType, false)
            .add("location", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, false);

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the job from a command line: 0 when it ran (whatever the number of failed files, which the report lists), 2
     * for bad arguments or an input that cannot be listed, 1 when the run failed.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (RagException e) {
            err.println("error: " + e.getMessage());
            err.print(JobOptions.USAGE);
            return 2;
        }
        if (!options.inputIsUri()) {
            try {
                InputListing.requireDirectory(java.nio.file.Path.of(options.input()));
            } catch (RagException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
        SparkSession.Builder builder = SparkSession.builder()
                .appName("rag-ingest " + options.source())
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]"); // java -cp without spark-submit
        }
        SparkSession spark = builder.getOrCreate();
        try {
            IngestReport report = run(spark, options);
            out.println(report.toJson());
            if (options.report() != null) {
                Files.writeString(options.report(), report.toJson(), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (RagException e) {
            err.println("error: " + e.getMessage());
            return e.category() == ErrorCategory.INVALID_INPUT ? 2 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: the ingestion failed: " + e);
            LOG.error("the ingestion failed", e);
            return 1;
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the job in {@code spark}'s application, in a session of its own (the embedded warehouse as catalog {@value
     * SparkCorpus#CATALOG} when {@link JobOptions#warehouse()} is given, else the catalog the configuration defines).
     *
     * @throws RagException ({@code invalid_input}) when the input cannot be listed or no catalog is configured
     */
    public static IngestReport run(SparkSession spark, JobOptions options) {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        try {
            return runInSession(spark, options);
        } finally {
            if (active.isDefined()) {
                SparkSession.setActiveSession(active.get());
            } else {
                SparkSession.clearActiveSession();
            }
        }
    }

    private static IngestReport runInSession(SparkSession spark, JobOptions options) {
        long t0 = System.nanoTime();
        Laps clock = new Laps(t0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SparkSession session =
                options.warehouse() != null ? SparkCorpus.session(spark, options.warehouse()) : spark.newSession();
        if (options.warehouse() == null && !session.conf().contains("spark.sql.catalog." + SparkCorpus.CATALOG)) {
            throw RagException.invalid(
                    "invalid_arguments",
                    "give --warehouse, or configure the Spark catalog '" + SparkCorpus.CATALOG + "' (spark.sql.catalog."
                            + SparkCorpus.CATALOG + ".*)");
        }
        // the catalog manager and the SQL functions read the active session's configuration
        SparkSession.setActiveSession(session);
        // the tables as the service defines them, created where missing (eval's own definition, no second schema)
        CorpusTables.in(SparkCorpus.icebergCatalog(session)).close();
        Configuration hadoop = session.sparkContext().hadoopConfiguration();
        List<InputFile> files = InputListing.list(options.input(), options.source(), hadoop);
        Pipeline pipeline = Pipeline.of(options);
        Map<String, String> commit = new LinkedHashMap<>();
        commit.put("rag.spark.source", options.source());
        commit.put("rag.spark.started-at", now.toString());
        commit.put("rag.spark.model", options.model());
        CorpusMerge merge = new CorpusMerge(session, options.source(), micros(now), options.keepMissing(), commit);
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("list", clock.lap());
        merge.readStoredState();
        phases.put("read", clock.lap());
        List<Row> listing = files.stream()
                .map(f -> RowFactory.create(f.sourceId(), f.fileName(), f.location(), f.size()))
                .toList();
        session.createDataFrame(listing, LISTING).createOrReplaceTempView("rag_listing");
        int partitions = options.partitions() > 0 ? options.partitions() : partitions(files.size(), session);
        Dataset<Row> outcomes = Materialized.of(merge.inputs()
                .repartition(partitions)
                .mapPartitions(
                        new PartitionPreparer(pipeline, new SerializableConfiguration(hadoop)),
                        Encoders.row(FileRows.OUTCOME)));
        outcomes.createOrReplaceTempView("rag_files");
        Map<String, Long> byOutcome = new TreeMap<>();
        Map<String, Long> cut = new TreeMap<>();
        for (Row r : outcomes.groupBy("outcome")
                .agg(functions.count("*"), functions.sum(functions.size(functions.col("occurrences"))))
                .collectAsList()) {
            byOutcome.put(r.getString(0), r.getLong(1));
            cut.put(r.getString(0), r.isNullAt(2) ? 0L : r.getLong(2));
        }
        phases.put("prepare", clock.lap());
        List<String> commits = new ArrayList<>();
        long prepared = byOutcome.getOrDefault(FileRows.PREPARED, 0L);
        Map<String, Long> chunks = merge.newChunks(prepared);
        committed(commits, "chunks", chunks);
        phases.put("chunks", clock.lap());
        Map<String, Long> embedded = embed(session, merge, pipeline, partitions, commit, commits);
        phases.put("embed", clock.lap());
        CorpusMerge.Changes changes = merge.documents(prepared);
        committed(commits, "occurrences", changes.occurrences());
        committed(commits, "documents", changes.documents());
        phases.put("documents", clock.lap());
        Map<String, Long> orphans = merge.orphanChunks();
        committed(commits, "chunks", orphans);
        Map<String, Long> orphanVectors = merge.orphanEmbeddings();
        committed(commits, "embeddings", orphanVectors);
        phases.put("orphans", clock.lap());
        return new IngestReport(
                options.source(),
                files.size(),
                byOutcome.getOrDefault(FileRows.PREPARED, 0L),
                cut.getOrDefault(FileRows.PREPARED, 0L),
                byOutcome.getOrDefault(FileRows.UNCHANGED, 0L),
                byOutcome.getOrDefault(FileRows.FAILED, 0L),
                changes.documents().get(TableMerge.INSERT),
                changes.documents().get(TableMerge.UPDATE),
                changes.documents().get(TableMerge.DELETE),
                chunks.get(TableMerge.INSERT),
                orphans.get(TableMerge.DELETE),
                embedded,
                orphanVectors.get(TableMerge.DELETE),
                commits,
                failures(outcomes),
                phases,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Step 2: a vector of the main model for every chunk without one, and of each language model it calls for. */
    private static Map<String, Long> embed(
            SparkSession session,
            CorpusMerge merge,
            Pipeline pipeline,
            int partitions,
            Map<String, String> commit,
            List<String> commits) {
        Dataset<Row> missing = merge.missingVectors(pipeline.embedder().modelId(), null);
        for (Map.Entry<String, Embedder> m : pipeline.languageEmbedders().entrySet()) {
            missing = missing.unionAll(merge.missingVectors(m.getValue().modelId(), m.getKey()));
        }
        missing = Materialized.of(missing);
        long count = missing.count();
        Map<String, Long> byModel = new TreeMap<>();
        if (count == 0) {
            return byModel;
        }
        for (Row r : missing.groupBy("model_id").count().collectAsList()) {
            byModel.put(r.getString(0), r.getLong(1));
        }
        int parts = (int)
                Math.max(1, Math.min(partitions, (count + PartitionEmbedder.BATCH - 1) / PartitionEmbedder.BATCH));
        Dataset<Row> vectors = missing.repartition(parts)
                .sortWithinPartitions("model_id")
                .mapPartitions(new PartitionEmbedder(pipeline), Encoders.row(SparkRows.schema("embeddings")))
                .withColumn(TableMerge.OP, functions.lit(TableMerge.INSERT));
        committed(
                commits,
                "embeddings",
                TableMerge.apply(session, "embeddings", vectors, List.of("chunk_id", "model_id"), commit));
        return byModel;
    }

    /**
     * Four partitions per core, so that a slow file does not hold a core's share of the work, but no more than one
     * per 16 files beyond one per core (each partition builds its preparer), and never more than the files.
     */
    static int partitions(int files, SparkSession session) {
        int cores = session.sparkContext().defaultParallelism();
        int wanted = Math.min(4 * cores, Math.max(cores, (files + 15) / 16));
        return Math.max(1, Math.min(files, wanted));
    }

    private static void committed(List<String> commits, String table, Map<String, Long> counts) {
        if (counts.values().stream().anyMatch(n -> n > 0)) {
            commits.add(table);
        }
    }

    private static List<IngestReport.FileFailure> failures(Dataset<Row> outcomes) {
        return outcomes
                .where(functions.col("outcome").equalTo(FileRows.FAILED))
                .select("source_id", "error", "message")
                .orderBy("source_id")
                .limit(MAX_REPORTED_FAILURES)
                .collectAsList()
                .stream()
                .map(r -> new IngestReport.FileFailure(r.getString(0), r.getString(1), r.getString(2)))
                .toList();
    }

    /** Seconds since the previous lap. */
    private static final class Laps {
        private long last;

        Laps(long start) {
            last = start;
        }

        double lap() {
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            return Math.round(seconds * 1000) / 1000.0;
        }
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}

package io.ragplatform.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark application of the module's tests ({@code local[2]}, the Iceberg extensions, no UI), shared by every
 * test class of the JVM; each test reads and writes its own warehouses through sessions of its own ({@link
 * SparkCorpus#session}).
 */
final class SparkTests {
    /** The model of the tests: the fastest shipped one; the chunker's budget comes from its tokenizer. */
    static final String MODEL = "all-minilm-l6-v2-q";

    private static SparkSession spark;

    private SparkTests() {}

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("rag-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    // tiny inputs: compiling whole-stage code costs more than it saves
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                    .getOrCreate();
        }
        return spark;
    }
}

import org.apache.spark.sql.SparkSession;

/** Reads the service's Iceberg evaluation tables with Spark, using the settings of docs/ICEBERG.md. */
public class SparkCheck {
    public static void main(String[] args) {
        String warehouse = args[0];
        SparkSession spark = SparkSession.builder().master("local[2]").appName("rag-eval-read")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.rag", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.rag.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .config("spark.sql.catalog.rag.uri", "jdbc:sqlite:" + warehouse + "/catalog.db")
                .config("spark.sql.catalog.rag.warehouse", warehouse)
                .config("spark.sql.catalog.rag.jdbc.schema-version", "V1")
                .getOrCreate();
        for (int i = 1; i < args.length; i++) {
            System.out.println("> " + args[i]);
            spark.sql(args[i]).show(20, 60);
        }
        spark.stop();
    }
}

import io.ragplatform.eval.store.EvalStores;
import java.nio.file.Path;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;

/** Benchmark helper (java -cp "spark/target/classes:$(cat spark/target/classpath.txt)" spark/bench/DropVectors.java WAREHOUSE): removes every row of corpus.embeddings, so that the next run embeds every chunk again (the embedding figure). */
public class DropVectors {
    public static void main(String[] args) {
        try (var catalog = EvalStores.localCatalog(Path.of(args[0]))) {
            catalog.loadTable(TableIdentifier.of("corpus", "embeddings")).newDelete()
                    .deleteFromRowFilter(Expressions.alwaysTrue()).commit();
        }
    }
}

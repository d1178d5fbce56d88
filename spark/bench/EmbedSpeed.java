import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import java.nio.file.*;
import java.util.*;

/** Benchmark helper: the raw speed of a model over the first 96 files of a directory, batches of 32 (args: DIR MODEL). */
public class EmbedSpeed {
    public static void main(String[] args) throws Exception {
        List<String> texts = new ArrayList<>();
        try (var files = Files.list(Path.of(args[0]))) {
            files.sorted().limit(96).forEach(p -> { try { texts.add(Files.readString(p)); } catch (Exception e) { throw new RuntimeException(e); } });
        }
        Embedder e = Embedders.named(args[1], 0);
        e.embedAll(texts.subList(0, 8));
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 32) e.embedAll(texts.subList(i, i + 32));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d texts in %.1f s = %.1f/s%n", args[1], texts.size(), s, texts.size() / s);
    }
}

package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStores;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built sets are what {@link EvalStore#createVersion} accepts, and read back unchanged. */
class SetsToStoreTest {
    @Test
    void beir_and_chat_log_sets_store_and_read_back(@TempDir Path dir) throws Exception {
        var fixtures = new BeirArchiveTest();
        fixtures.dir = dir;
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("corpus.jsonl", BeirArchiveTest.CORPUS);
        entries.put("queries.jsonl", BeirArchiveTest.QUERIES);
        entries.put("qrels/test.tsv", BeirArchiveTest.TEST_QRELS);
        BeirSet beir;
        try (BeirArchive archive = BeirArchive.open(fixtures.zip("beir.zip", entries))) {
            beir = archive.read(null);
        }
        ChatLogSplit chat = new ChatLogSetBuilder()
                .build(new StringReader(String.join("\n", ChatLogSetBuilderTest.generatedLog(5, 30, 4))));

        try (EvalStore store = EvalStores.local(dir.resolve("warehouse"))) {
            store.createVersion("beir-test", beir.items());
            store.createVersion("chat.dev", chat.dev());
            store.createVersion("chat.test", chat.test());
            assertEquals(beir.items(), store.items("beir-test", 1));
            assertEquals(chat.dev(), store.items("chat.dev", 1));
            assertEquals(chat.test(), store.items("chat.test", 1));
            assertEquals(List.of("beir-test", "chat.dev", "chat.test"), store.sets());
        }
    }
}

package io.ragplatform.index.langchain4j;

import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.TestPipeline;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.DocumentPreparer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A small index of four documents on unrelated topics, prepared with real Tika and embedded with the real model. */
final class TestCorpus {
    static final String BREAD = "bread.txt";
    static final String SATURN = "saturn.txt";
    static final String EXPENSES = "expenses.md";
    static final String BIKES = "fahrrad.txt";

    static final Map<String, String> TEXTS = Map.of(
            BREAD, """
                    Baking sourdough bread

                    Feed the starter with flour and water the evening before. Knead the dough, let it rise for four hours \
                    at room temperature, then bake it in a preheated cast iron pot at 250 degrees Celsius until the crust \
                    is dark brown.
                    """,
            SATURN, """
                    The rings of Saturn

                    Saturn's rings are made mostly of water ice particles, from tiny grains to chunks as large as a house. \
                    Its largest moon, Titan, has a thick nitrogen atmosphere and lakes of liquid methane on its surface.
                    """,
            EXPENSES, """
                    # Expense reimbursement policy

                    Employees submit travel receipts within thirty days through the finance portal. Hotel stays above \
                    200 euros per night need the approval of a department head before booking.
                    """,
            BIKES, """
                    Die Fahrradwerkstatt

                    Die Werkstatt repariert platte Reifen, stellt Bremsen ein und ölt Ketten. Termine gibt es montags \
                    bis freitags zwischen neun und siebzehn Uhr.
                    """);

    private TestCorpus() {}

    /** The index model; loaded once per JVM. */
    static synchronized Embedder model() {
        if (model == null) {
            model = Embedders.named(Embedders.ALL_MINILM_L6_V2_Q, 0);
        }
        return model;
    }

    private static Embedder model;

    /** Builds the index in {@code dir}; each text is its own source, named like its file. */
    static RagIndex build(Path dir) throws IOException {
        Embedder embedder = model();
        DocumentPreparer preparer = TestPipeline.preparer(embedder, text -> text.contains("Werkstatt") ? "de" : "en");
        Path files = Files.createDirectories(dir.resolve("files"));
        RagIndex index = RagIndex.open(dir.resolve("index"), embedder, "test");
        for (String name : TEXTS.keySet().stream().sorted().toList()) {
            Path f = files.resolve(name);
            Files.writeString(f, TEXTS.get(name), StandardCharsets.UTF_8);
            index.upsert(preparer.prepare(f, name, name, Map.of(), Acl.PUBLIC_ONLY));
        }
        return index;
    }
}

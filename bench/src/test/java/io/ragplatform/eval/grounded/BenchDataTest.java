package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark loaders on tiny files in the formats of the shared data sets (the shared data is not read). */
class BenchDataTest {
    @TempDir
    Path dir;

    @Test
    void readsHaluEvalPairs() throws IOException {
        Path h = Files.createDirectories(dir.resolve("halueval-qa"));
        Files.writeString(h.resolve("qa_one-turn_data.json"), """
                {"knowledge": "Delhi is the seat.", "question": "Where?", "right_answer": "Delhi", "hallucinated_answer": "Mumbai."}
                {"knowledge": "K2.", "question": "Q2", "right_answer": "A", "hallucinated_answer": "B"}
                """);
        List<BenchData.Example> ex = BenchData.haluEval(h);
        assertEquals(4, ex.size());
        assertEquals("Delhi", ex.get(0).answer());
        assertTrue(ex.get(0).grounded());
        assertFalse(ex.get(1).grounded());
        assertEquals(List.of("Delhi is the seat."), ex.get(1).contexts());
        assertEquals(ex.get(0).split(), ex.get(1).split());
    }

    @Test
    void readsSciFactPairsAgainstTheirAbstracts() throws IOException {
        Path c = Files.createDirectories(dir.resolve("scifact-claims"));
        Path b = Files.createDirectories(dir.resolve("beir-scifact"));
        Files.writeString(c.resolve("claims_train.csv"), """
                id,claim,evidence_doc_id,evidence_label,evidence_sentences,cited_doc_ids
                0,"X lacks Y, mostly.",,,[],[1]
                2,X raises Y.,11,SUPPORT,[0],[11]
                2,X raises Y.,11,SUPPORT,[1],[11]
                3,"X lowers ""Y"".",11,CONTRADICT,[0],[11]
                """);
        Files.writeString(b.resolve("corpus.jsonl"), """
                {"_id": "11", "title": "T", "text": "X raises Y. Z.", "metadata": {}}
                {"_id": "12", "title": "U", "text": "Other.", "metadata": {}}
                """);
        List<BenchData.Example> ex = BenchData.sciFact(c, b);
        assertEquals(2, ex.size());
        assertEquals("X raises Y.", ex.get(0).answer());
        assertEquals(2, ex.get(0).weight());
        assertTrue(ex.get(0).grounded());
        assertEquals("X lowers \"Y\".", ex.get(1).answer());
        assertFalse(ex.get(1).grounded());
        assertEquals(List.of("T", "X raises Y. Z."), ex.get(1).contexts());
    }

    @Test
    void parsesQuotedCsv() {
        assertEquals(List.of("a", "b, c", "d \"e\"", ""), BenchData.csv("a,\"b, c\",\"d \"\"e\"\"\","));
    }
}

package io.ragplatform.index.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ragplatform.bench.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BEIR dataset folder as the benchmark reads it: {@code corpus.jsonl}, {@code queries.jsonl} and one qrels split.
 *
 * @param corpus the passages in file order
 * @param queries the queries of the qrels split, in qrels order
 * @param qrels query id -> (doc id -> grade), in file order
 * @param judgments how many (query, doc) grades the split holds
 * @param missing how many judged docs are not in the corpus
 */
record BeirFolder(
        List<BeirFolder.Passage> corpus,
        List<BeirFolder.Claim> queries,
        Map<String, Map<String, Integer>> qrels,
        int judgments,
        long missing) {

    /** A passage; its text is {@code title + " " + text} (the text alone without a title). */
    record Passage(String id, String text) {}

    /** A query (on SciFact: a claim). */
    record Claim(String id, String text) {}

    /** Reads the folder; fails on a qrels query that queries.jsonl lacks. */
    static BeirFolder read(Path dir, String split) throws IOException {
        List<Passage> corpus = readCorpus(dir.resolve("corpus.jsonl"));
        Map<String, String> queryText = readQueries(dir.resolve("queries.jsonl"));
        Map<String, Map<String, Integer>> qrels = readQrels(dir.resolve("qrels").resolve(split + ".tsv"));
        List<Claim> queries = new ArrayList<>();
        int judgments = 0;
        for (Map.Entry<String, Map<String, Integer>> e : qrels.entrySet()) {
            String text = queryText.get(e.getKey());
            if (text == null) {
                throw new IllegalStateException("qrels query " + e.getKey() + " not in queries.jsonl");
            }
            queries.add(new Claim(e.getKey(), text));
            judgments += e.getValue().size();
        }
        Set<String> docIds = new HashSet<>();
        corpus.forEach(p -> docIds.add(p.id()));
        long missing = qrels.values().stream()
                .flatMap(m -> m.keySet().stream())
                .filter(d -> !docIds.contains(d))
                .count();
        return new BeirFolder(corpus, queries, qrels, judgments, missing);
    }

    static List<Passage> readCorpus(Path file) throws IOException {
        List<Passage> out = new ArrayList<>();
        JsonLines.forEach(file, n -> {
            String title = n.path("title").asText("");
            String text = n.path("text").asText("");
            out.add(new Passage(n.get("_id").asText(), title.isEmpty() ? text : title + " " + text));
        });
        return out;
    }

    private static Map<String, String> readQueries(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (JsonNode n : JsonLines.read(file)) {
            out.put(n.get("_id").asText(), n.get("text").asText());
        }
        return out;
    }

    /** query id -> (doc id -> grade), in file order; the header line is skipped. */
    private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length < 3 || (i == 0 && f[0].equals("query-id"))) {
                continue;
            }
            out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2].trim()));
        }
        return out;
    }
}

package io.ragplatform.eval.grounded;

import com.fasterxml.jackson.databind.JsonNode;
import io.ragplatform.bench.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Loads the public labelled groundedness sets (see each directory's README). */
final class BenchData {
    private BenchData() {}

    /** The seed of the fixed SciFact tune/test split by claim id. */
    static final long SPLIT_SEED = 42;

    /**
     * One answer to score against its contexts.
     *
     * @param grounded the label: supported (true) or hallucinated / contradicted (false)
     * @param split "tune" or "test": a fixed seeded half (SciFact by claim id, HaluEval by passage)
     * @param weight how many labelled rows this example stands for (SciFact rows differing only in evidence sentences)
     */
    record Example(
            String dataset,
            String id,
            String answer,
            List<String> contexts,
            boolean grounded,
            String split,
            int weight) {}

    /** halueval-qa/qa_one-turn_data.json: per line a right and a hallucinated answer against the knowledge. */
    static List<Example> haluEval(Path dir) throws IOException {
        List<Example> out = new ArrayList<>();
        List<JsonNode> rows = JsonLines.read(dir.resolve("qa_one-turn_data.json"));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(SPLIT_SEED));
        Set<Integer> tune = new HashSet<>(order.subList(0, order.size() / 2));
        for (int line = 0; line < rows.size(); line++) {
            JsonNode n = rows.get(line);
            List<String> ctx = List.of(n.get("knowledge").asText());
            String split = tune.contains(line) ? "tune" : "test";
            out.add(new Example(
                    "halueval-qa", line + "/right", n.get("right_answer").asText(), ctx, true, split, 1));
            out.add(new Example(
                    "halueval-qa",
                    line + "/hallucinated",
                    n.get("hallucinated_answer").asText(),
                    ctx,
                    false,
                    split,
                    1));
        }
        return out;
    }

    /**
     * scifact-claims/claims_train.csv against ../beir-scifact/corpus.jsonl: the labelled (claim, evidence abstract)
     * pairs, SUPPORT grounded and CONTRADICT not; the context is the abstract's title and text. Rows that differ only
     * in their evidence sentences are one example (weight = rows).
     */
    static List<Example> sciFact(Path claimsDir, Path corpusDir) throws IOException {
        Map<String, String[]> needed = new LinkedHashMap<>();
        Map<String, Integer> weights = new HashMap<>();
        List<String> lines = Files.readAllLines(claimsDir.resolve("claims_train.csv"), StandardCharsets.UTF_8);
        List<String> header = csv(lines.get(0));
        int cId = header.indexOf("id");
        int cClaim = header.indexOf("claim");
        int cDoc = header.indexOf("evidence_doc_id");
        int cLabel = header.indexOf("evidence_label");
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            List<String> f = csv(l);
            String label = f.get(cLabel);
            if (label.isEmpty()) {
                continue;
            }
            String key = f.get(cId) + "|" + f.get(cDoc) + "|" + label;
            needed.putIfAbsent(key, new String[] {f.get(cId), f.get(cClaim), f.get(cDoc), label});
            weights.merge(key, 1, Integer::sum);
        }
        Map<String, List<String>> docs = new HashMap<>();
        Set<String> docIds = new HashSet<>();
        needed.values().forEach(v -> docIds.add(v[2]));
        JsonLines.forEach(corpusDir.resolve("corpus.jsonl"), n -> {
            String id = n.get("_id").asText();
            if (docIds.contains(id)) {
                docs.put(id, List.of(n.get("title").asText(), n.get("text").asText()));
            }
        });
        List<String> claimIds = new ArrayList<>(
                needed.values().stream().map(v -> v[0]).distinct().sorted().toList());
        Collections.shuffle(claimIds, new Random(SPLIT_SEED));
        Set<String> tune = new HashSet<>(claimIds.subList(0, claimIds.size() / 2));
        List<Example> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : needed.entrySet()) {
            String[] v = e.getValue();
            List<String> ctx = docs.get(v[2]);
            if (ctx == null) {
                throw new IOException("abstract " + v[2] + " missing from corpus.jsonl");
            }
            out.add(new Example(
                    "scifact-claims",
                    v[0] + "/" + v[2],
                    v[1],
                    ctx,
                    v[3].equals("SUPPORT"),
                    tune.contains(v[0]) ? "tune" : "test",
                    weights.get(e.getKey())));
        }
        return out;
    }

    /** One RFC 4180 line (no embedded line breaks in this file). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The SummEdits domains of summedits/ (its README), in the order its published table lists them. */
    static final List<String> SUMMEDITS_DOMAINS =
            List.of("podcast", "samsum", "news", "sales_call", "sales_email", "qmsumm");

    /**
     * summedits/summedits_&lt;domain&gt;.json: per row a summary, consistent (label 1) or minimally edited not to be
     * (0), against its document. Dataset {@code summedits-<domain>}; split "tune" for the benchmark's
     * {@code evaluation} rows, "test" for its {@code test} rows (where its published figures are measured).
     */
    static List<Example> summEdits(Path dir, String domain) throws IOException {
        List<Example> out = new ArrayList<>();
        JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("summedits_" + domain + ".json").toFile());
        for (JsonNode n : rows) {
            out.add(new Example(
                    "summedits-" + domain,
                    n.get("id").asText(),
                    n.get("summary").asText(),
                    List.of(n.get("doc").asText()),
                    n.get("label").asInt() == 1,
                    n.get("split").asText().equals("test") ? "test" : "tune",
                    1));
        }
        return out;
    }
}

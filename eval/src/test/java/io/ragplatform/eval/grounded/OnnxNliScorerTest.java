package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NLI scorer over a tiny model this test writes as ONNX protobuf ({@link TinyNliModel}) and a word-level
 * tokenizer.json ({@code src/test/resources/nli}: {@code [PAD]} 0, {@code [CLS]} 2, {@code [SEP]} 3, {@code .} 4,
 * {@code wK} 10 + K). Expected scores are computed here from the token IDs written out by hand.
 */
class OnnxNliScorerTest {
    private static final double EPS = 1e-5;

    @TempDir
    Path dir;

    /** [CLS] premise [SEP] claim [SEP], with the claim's type IDs 1. */
    private static long[][] pair(long[] premise, long[] claim) {
        long[] ids = LongStream.concat(
                        LongStream.concat(LongStream.of(2), LongStream.of(premise)),
                        LongStream.concat(LongStream.of(3), LongStream.concat(LongStream.of(claim), LongStream.of(3))))
                .toArray();
        long[] types = new long[ids.length];
        for (int i = premise.length + 2; i < ids.length; i++) {
            types[i] = 1;
        }
        return new long[][] {ids, types};
    }

    /** The words {@code Wa .. } of a sentence and its IDs, e.g. "W1 w2 w3." → 11 12 13 4. */
    private static String sentence(int... words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? "W" : " w").append(words[i]);
        }
        return sb.append('.').toString();
    }

    private static long[] ids(int... words) {
        return LongStream.concat(IntStream.of(words).mapToLong(w -> 10L + w), LongStream.of(4))
                .toArray();
    }

    private static double softmax(double[] logits, int index) {
        double max = java.util.Arrays.stream(logits).max().orElseThrow();
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        return Math.exp(logits[index] - max) / sum;
    }

    private static double expected(TinyNliModel m, long[] premise, long[] claim, int index) {
        long[][] p = pair(premise, claim);
        double[] logits = m.logits(p[0], p[1]);
        return m.labels() == 1 ? 1 / (1 + Math.exp(-logits[0])) : softmax(logits, index);
    }

    private Path write(TinyNliModel m, String name) throws IOException {
        Path model = Files.createDirectories(dir.resolve(name)).resolve("model.onnx");
        Files.write(model, m.bytes());
        try (InputStream in = OnnxNliScorerTest.class.getResourceAsStream("/nli/tokenizer.json")) {
            Files.copy(in, model.resolveSibling("tokenizer.json"));
        }
        return model;
    }

    private OnnxNliScorer load(NliSettings settings) {
        return OnnxNliScorer.load(settings);
    }

    @Test
    void a_model_from_a_path_scores_a_pair_as_computed_from_its_token_ids() throws IOException {
        TinyNliModel m = TinyNliModel.threeWay();
        Path model = write(m, "three");
        String premise = sentence(1, 2, 3);
        String claim = sentence(40, 2);
        for (int index : new int[] {0, 2}) {
            try (OnnxNliScorer s = load(NliSettings.of(model).withEntailmentIndex(index))) {
                double want = expected(m, ids(1, 2, 3), ids(40, 2), index);
                assertEquals(want, s.support(claim, List.of(premise)), EPS, "entailment index " + index);
                assertEquals("nli", s.name());
            }
        }
        // the two differ, so the label index is really read
        assertNotEquals(expected(m, ids(1, 2, 3), ids(40, 2), 0), expected(m, ids(1, 2, 3), ids(40, 2), 2), 1e-3);
    }

    @Test
    void several_contexts_are_padded_in_one_batch_and_the_best_one_counts() throws IOException {
        TinyNliModel m = TinyNliModel.threeWay();
        try (OnnxNliScorer s = load(NliSettings.of(write(m, "batch")).withEntailmentIndex(0))) {
            String claim = sentence(5);
            // a short context with high IDs and a long one with low IDs: padding that the mask did not hide would
            // change the short one's mean and count
            List<String> contexts = List.of(sentence(80, 81), sentence(1, 2, 3, 4, 5, 6, 7, 8, 9));
            double short_ = expected(m, ids(80, 81), ids(5), 0);
            double long_ = expected(m, ids(1, 2, 3, 4, 5, 6, 7, 8, 9), ids(5), 0);
            assertEquals(Math.max(short_, long_), s.support(claim, contexts), EPS);
            assertEquals(short_, s.support(claim, List.of(contexts.getFirst())), EPS);
            assertEquals(long_, s.support(claim, List.of(contexts.get(1))), EPS);
            assertEquals(0, s.support(claim, List.of()));
            assertEquals(0, s.support(claim, List.of(" ")));
        }
    }

    @Test
    void token_type_ids_are_fed_when_the_model_declares_them() throws IOException {
        TinyNliModel m =
                new TinyNliModel(new float[][] {{0.05f, 0f, 0f}, {-0.04f, 0f, 0f}, {0.3f, 0f, 0f}}, true, true);
        try (OnnxNliScorer s = load(NliSettings.of(write(m, "types")).withEntailmentIndex(0))) {
            assertEquals(
                    expected(m, ids(1, 2), ids(3, 4, 5), 0),
                    s.support(sentence(3, 4, 5), List.of(sentence(1, 2))),
                    EPS);
        }
    }

    @Test
    void a_single_logit_is_read_through_a_sigmoid() throws IOException {
        TinyNliModel m = new TinyNliModel(new float[][] {{0.05f}, {-0.1f}}, false, true);
        try (OnnxNliScorer s = load(NliSettings.of(write(m, "one")))) {
            double want = expected(m, ids(7, 8), ids(9), 0);
            assertEquals(want, s.support(sentence(9), List.of(sentence(7, 8))), EPS);
        }
    }

    @Test
    void a_long_context_is_read_in_overlapping_windows_and_the_best_window_counts() throws IOException {
        TinyNliModel m = TinyNliModel.threeWay();
        // 32 tokens: [CLS] premise [SEP] claim(3) [SEP] leaves 26 for the premise
        try (OnnxNliScorer s =
                load(NliSettings.of(write(m, "long")).withEntailmentIndex(0).withMaxTokens(32))) {
            int[][] sentences = {
                {1, 2, 3, 4, 5, 6, 7, 8, 9}, // 10 tokens
                {1, 2, 3, 4, 5, 6, 7, 8}, // 9
                {80, 81, 82, 83, 84, 85}, // 7: the evidence
                {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, // 17
                {2, 3}, // 3
            };
            List<String> texts = new ArrayList<>();
            for (int[] sentence : sentences) {
                texts.add(sentence(sentence));
            }
            String context = String.join(" ", texts);
            String claim = sentence(80, 81);
            // packed up to 26 tokens, each window from the last sentence of the one before
            List<String> windows = List.of(
                    texts.get(0) + " " + texts.get(1) + " " + texts.get(2), // 26
                    texts.get(2) + " " + texts.get(3), // 24
                    texts.get(3) + " " + texts.get(4)); // 20
            assertEquals(windows, s.windows(List.of(context), 26));

            double[] perWindow = {
                expected(m, concat(ids(sentences[0]), ids(sentences[1]), ids(sentences[2])), ids(80, 81), 0),
                expected(m, concat(ids(sentences[2]), ids(sentences[3])), ids(80, 81), 0),
                expected(m, concat(ids(sentences[3]), ids(sentences[4])), ids(80, 81), 0)
            };
            double best = java.util.Arrays.stream(perWindow).max().orElseThrow();
            assertEquals(best, s.support(claim, List.of(context)), EPS);
            // the best window is the one with the evidence, not the first
            assertTrue(perWindow[1] > perWindow[0], java.util.Arrays.toString(perWindow));
        }
    }

    @Test
    void a_sentence_longer_than_the_budget_is_its_own_window_cut_at_the_end() throws IOException {
        TinyNliModel m = TinyNliModel.threeWay();
        try (OnnxNliScorer s =
                load(NliSettings.of(write(m, "cut")).withEntailmentIndex(0).withMaxTokens(32))) {
            int[] words = IntStream.range(0, 40).toArray(); // 41 tokens
            String claim = sentence(50, 51);
            // the premise is cut to 32 - 3 - 3 = 26 tokens, the claim is kept
            long[] kept = java.util.Arrays.copyOf(ids(words), 26);
            assertEquals(expected(m, kept, ids(50, 51), 0), s.support(claim, List.of(sentence(words))), EPS);
        }
    }

    @Test
    void a_wordpiece_tokenizer_json_is_used_without_its_own_padding_and_truncation() throws Exception {
        // the MiniLM artifact's tokenizer.json pads to 128 and truncates at 128: the scorer must do neither
        TinyNliModel m = new TinyNliModel(new float[][] {{0.0005f, 0f, 0f}, {-0.01f, 0f, 0f}}, false, true);
        Path model = Files.createDirectories(dir.resolve("wordpiece")).resolve("model.onnx");
        Files.write(model, m.bytes());
        Path tokenizer = model.resolveSibling("tokenizer.json");
        try (InputStream in = OnnxNliScorerTest.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(in, tokenizer);
        }
        String premise = "The committee approved the budget after a long debate. "
                .repeat(20)
                .strip();
        String claim = "The budget was approved.";
        try (OnnxNliScorer s = load(NliSettings.of(model).withEntailmentIndex(0));
                ai.djl.huggingface.tokenizers.HuggingFaceTokenizer reference =
                        ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(
                                tokenizer, java.util.Map.of("padding", "false", "truncation", "false"))) {
            ai.djl.huggingface.tokenizers.Encoding e = reference.encode(premise, claim, true, false);
            long[] ids = e.getIds();
            assertTrue(ids.length > 128 && ids.length < 512, "length " + ids.length);
            assertEquals(101, ids[0]); // [CLS]
            assertEquals(2, LongStream.of(ids).filter(id -> id == 102).count()); // [SEP] twice
            assertEquals(1, e.getTypeIds()[ids.length - 1]);
            double want = softmax(m.logits(ids, e.getTypeIds()), 0);
            assertEquals(want, s.support(claim, List.of(premise)), EPS);
        }
    }

    private static long[] concat(long[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
    }

    @Test
    void the_entailment_label_is_read_from_config_json_when_no_index_is_set() throws IOException {
        TinyNliModel m = TinyNliModel.threeWay();
        Path model = write(m, "config");
        RagException none = assertThrows(RagException.class, () -> load(NliSettings.of(model)));
        assertInvalid(none, "names no entailment label: set the entailment index");
        Files.writeString(
                model.resolveSibling("config.json"),
                "{\"id2label\": {\"0\": \"CONTRADICTION\", \"1\": \"NEUTRAL\", \"2\": \"ENTAILMENT\"}}",
                StandardCharsets.UTF_8);
        try (OnnxNliScorer s = load(NliSettings.of(model))) {
            assertEquals(expected(m, ids(1), ids(2), 2), s.support(sentence(2), List.of(sentence(1))), EPS);
        }
    }

    @Test
    void the_model_id_is_the_file_name_and_a_prefix_of_its_sha256() throws Exception {
        Path a = write(TinyNliModel.threeWay(), "a");
        Path b = write(new TinyNliModel(new float[][] {{0.01f, 0f, 0f}, {0f, 0f, 0f}}, false, true), "b");
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a)))
                .substring(0, 12);
        try (OnnxNliScorer first = load(NliSettings.of(a).withEntailmentIndex(0));
                OnnxNliScorer again = load(NliSettings.of(a).withEntailmentIndex(1));
                OnnxNliScorer other = load(NliSettings.of(b).withEntailmentIndex(0))) {
            assertEquals("model.onnx@sha256:" + hash, first.modelId());
            assertEquals(first.modelId(), again.modelId());
            assertNotEquals(first.modelId(), other.modelId());
        }
    }

    @Test
    void a_run_pins_the_nli_scorer_and_its_model_hash() throws Exception {
        Path model = write(TinyNliModel.threeWay(), "pins");
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)))
                .substring(0, 12);
        Groundedness judge = SupportScorers.evaluator(GroundednessSettings.defaults()
                .withNli(NliSettings.of(model).withEntailmentIndex(0))
                .withScorer(ScorerKind.NLI));
        try (OnnxNliScorer scorer = (OnnxNliScorer) judge.scorer()) {
            String json = io.ragplatform.eval.run.RunConfig.of(
                            new io.ragplatform.eval.run.RunSpec(
                                    "s",
                                    null,
                                    io.ragplatform.index.SearchMode.KEYWORD,
                                    5,
                                    null,
                                    io.ragplatform.index.AccessScope.ALL),
                            judge)
                    .json();
            assertTrue(
                    json.contains("\"model\":\"model.onnx@sha256:" + hash + "\",\"scorer\":\"nli\",\"threshold\":0.5"),
                    json);
        }
    }

    @Test
    void a_missing_model_or_tokenizer_file_is_refused_naming_it() throws IOException {
        Path missing = dir.resolve("none").resolve("model.onnx");
        assertInvalid(
                assertThrows(RagException.class, () -> load(NliSettings.of(missing))),
                "the NLI model file " + missing + " does not exist");
        Path model = write(TinyNliModel.threeWay(), "notok");
        Path tokenizer = dir.resolve("elsewhere.json");
        assertInvalid(
                assertThrows(
                        RagException.class, () -> load(NliSettings.of(model).withTokenizer(tokenizer))),
                "the NLI tokenizer file " + tokenizer + " does not exist");
        Files.writeString(tokenizer, "not json", StandardCharsets.UTF_8);
        assertInvalid(
                assertThrows(
                        RagException.class, () -> load(NliSettings.of(model).withTokenizer(tokenizer))),
                "cannot read the NLI tokenizer " + tokenizer);
    }

    @Test
    void an_unreadable_model_is_refused() throws IOException {
        Path model = write(TinyNliModel.threeWay(), "garbage");
        Files.write(model, "this is not an ONNX model".getBytes(StandardCharsets.UTF_8));
        assertInvalid(
                assertThrows(
                        RagException.class, () -> load(NliSettings.of(model).withEntailmentIndex(0))),
                "ONNX Runtime cannot load the NLI model " + model);
    }

    @Test
    void an_entailment_index_out_of_range_of_the_outputs_is_refused() throws IOException {
        Path three = write(TinyNliModel.threeWay(), "range");
        assertInvalid(
                assertThrows(
                        RagException.class, () -> load(NliSettings.of(three).withEntailmentIndex(3))),
                "the entailment index 3 is out of range of the NLI model " + three + "'s 3 outputs (0 to 2");
        Path one = write(new TinyNliModel(new float[][] {{1f}, {1f}}, false, true), "range-one");
        assertInvalid(
                assertThrows(RagException.class, () -> load(NliSettings.of(one).withEntailmentIndex(1))),
                "has one output, read through a sigmoid: its entailment index is 0, not 1");
    }

    @Test
    void a_model_without_an_attention_mask_input_is_refused() throws IOException {
        Path model = write(new TinyNliModel(new float[][] {{0.05f, 0f, 0f}, {0f, 0f, 0f}}, false, false), "nomask");
        assertInvalid(
                assertThrows(
                        RagException.class, () -> load(NliSettings.of(model).withEntailmentIndex(0))),
                "lacks the input attention_mask (its inputs: input_ids)");
    }

    @Test
    void bad_settings_are_invalid_requests() {
        assertInvalidRequest(() -> GroundednessSettings.of(ScorerKind.NLI), "needs the path of the ONNX model");
        assertInvalidRequest(() -> NliSettings.defaults().withEntailmentIndex(-1), "must be 0 or more");
        assertInvalidRequest(() -> NliSettings.defaults().withMaxTokens(8), "at least 32");
        assertEquals(512, NliSettings.defaults().maxTokens());
        assertEquals(
                Path.of("/m/tokenizer.json"),
                NliSettings.of(Path.of("/m/model.onnx")).effectiveTokenizer().orElseThrow());
    }

    @Test
    void the_factory_selects_the_nli_scorer_with_its_threshold() throws IOException {
        Path model = write(TinyNliModel.threeWay(), "factory");
        GroundednessSettings settings = GroundednessSettings.defaults()
                .withNli(NliSettings.of(model).withEntailmentIndex(0))
                .withScorer(ScorerKind.parse("NLI"));
        Groundedness g = SupportScorers.evaluator(settings);
        assertInstanceOf(OnnxNliScorer.class, g.scorer());
        assertEquals(GroundednessSettings.NLI_THRESHOLD, g.threshold());
        assertEquals("nli", g.scorer().name());
        ((OnnxNliScorer) g.scorer()).close();
    }

    private static void assertInvalid(RagException e, String message) {
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
        assertEquals(OnnxNliScorer.INVALID, e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static void assertInvalidRequest(Executable call, String message) {
        RagException e = assertThrows(RagException.class, call);
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
        assertEquals("invalid_request", e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}

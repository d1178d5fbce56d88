package io.ragplatform.eval.run;

import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.grounded.GroundednessResult;
import io.ragplatform.eval.metrics.Bootstrap;
import io.ragplatform.eval.metrics.ConfidenceInterval;
import io.ragplatform.eval.metrics.Evaluator;
import io.ragplatform.eval.metrics.Gain;
import io.ragplatform.eval.metrics.Judgment;
import io.ragplatform.eval.metrics.Level;
import io.ragplatform.eval.metrics.QueryMetrics;
import io.ragplatform.eval.metrics.RankedLists;
import io.ragplatform.eval.metrics.Retrieved;
import io.ragplatform.eval.metrics.RunSummary;
import io.ragplatform.eval.store.EvalItem;
import io.ragplatform.eval.store.EvalSetVersion;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.QueryResultRecord;
import io.ragplatform.eval.store.Relevance;
import io.ragplatform.eval.store.RunPins;
import io.ragplatform.eval.store.RunRecord;
import io.ragplatform.index.IndexVersion;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.index.SearchResults;
import io.ragplatform.index.VersionNotRetainedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs an evaluation set version against one index version and stores the run with its per-item results.
 *
 * <p>Every query searches the pinned index version (the current one when the spec names none, fixed before the first
 * query, so a commit landing mid-run changes nothing), {@link RunSpec#depth()} chunks deep. Retrieval metrics use
 * trec_eval's definitions with linear nDCG gains ({@link Gain#LINEAR}), so they equal what a client computes from
 * {@code /v1/search} with pytrec_eval; intervals are seeded bootstraps over items in ID order. Re-running the same set
 * version on the same index version and model therefore gives identical retrieval metrics.
 *
 * <p>Answers are split into claims and each claim is scored against the item's reference contexts or, without them,
 * the text of the top {@code k} retrieved chunks. Thread-safe; runs may proceed concurrently.
 */
public final class EvalRunner {
    /** The nDCG gain of every run. */
    public static final Gain GAIN = Gain.LINEAR;
    /** How many of a set's newest runs keep their index version pinned, by default. */
    public static final int DEFAULT_PINNED_RUNS_PER_SET = 10;
    /** The holder name of a run's pin on its index version. */
    public static final String PIN_PREFIX = "eval-run:";

    private final RagIndex index;
    private final EvalStore store;
    private final Supplier<Groundedness> groundedness;
    private final Clock clock;
    private final int pinnedRunsPerSet;

    /** A runner that keeps the index versions of each set's {@link #DEFAULT_PINNED_RUNS_PER_SET} newest runs. */
    public EvalRunner(RagIndex index, EvalStore store, Supplier<Groundedness> groundedness) {
        this(index, store, groundedness, DEFAULT_PINNED_RUNS_PER_SET);
    }

    /**
     * @param groundedness the answer evaluator, asked for only when a set has answers (the offline default loads a
     *     model on first use)
     * @param pinnedRunsPerSet how many of a set's newest runs keep their index version pinned beyond the index's
     *     retention (so they stay re-runnable); older runs release theirs. 0 pins nothing.
     */
    public EvalRunner(RagIndex index, EvalStore store, Supplier<Groundedness> groundedness, int pinnedRunsPerSet) {
        this(index, store, groundedness, pinnedRunsPerSet, Clock.systemUTC());
    }

    EvalRunner(
            RagIndex index, EvalStore store, Supplier<Groundedness> groundedness, int pinnedRunsPerSet, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.groundedness = Objects.requireNonNull(groundedness, "groundedness");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (pinnedRunsPerSet < 0) {
            throw new IllegalArgumentException("pinnedRunsPerSet must not be negative; was " + pinnedRunsPerSet);
        }
        this.pinnedRunsPerSet = pinnedRunsPerSet;
    }

    /**
     * Evaluates and stores a run.
     *
     * @throws io.ragplatform.eval.store.EvalSetNotFoundException if the set or version does not exist
     * @throws io.ragplatform.index.VersionNotRetainedException if the index version is not retained
     */
    public RunOutcome run(RunSpec spec) {
        return run(spec, (done, total) -> {});
    }

    /** Told how many items of a run are done, after each item. */
    @FunctionalInterface
    public interface Progress {
        void items(int done, int total);
    }

    /**
     * Evaluates and stores a run, telling {@code progress} after each item.
     *
     * @throws io.ragplatform.eval.store.EvalSetNotFoundException if the set or version does not exist
     * @throws io.ragplatform.index.VersionNotRetainedException if the index version is not retained
     */
    public RunOutcome run(RunSpec spec, Progress progress) {
        EvalSetVersion setVersion =
                spec.setVersion() == null ? latest(spec.set()) : store.version(spec.set(), spec.setVersion());
        List<EvalItem> items = store.items(spec.set(), setVersion.version());
        long current = index.stats().indexVersion();
        long indexVersion = spec.indexVersion() != null ? spec.indexVersion() : current;
        Optional<IndexVersion> manifest = index.versions().stream()
                .filter(v -> v.version() == indexVersion)
                .findFirst();
        if (manifest.isEmpty() && indexVersion != current) {
            throw new VersionNotRetainedException(
                    indexVersion, "index version " + indexVersion + " is not retained (current: " + current + ")");
        }
        String modelId = withLanguageModels(
                manifest.map(IndexVersion::modelId).orElse(index.embedder().modelId()), index.embedder());
        String pipeline = manifest.map(IndexVersion::pipeline).orElse(null);
        String runId = UUID.randomUUID().toString();
        if (pinnedRunsPerSet > 0) {
            // before the first query: from now on the retention policy cannot drop the version this run measures
            index.pin(indexVersion, PIN_PREFIX + runId);
        }
        RunOutcome outcome;
        try {
            outcome = evaluate(spec, setVersion, items, indexVersion, modelId, pipeline, runId, progress);
        } catch (RuntimeException | Error e) {
            index.release(PIN_PREFIX + runId);
            throw e;
        }
        try {
            releaseOlderRuns(spec.set());
        } catch (RuntimeException e) {
            // the run is stored; pins left behind only keep old versions longer, and the next run of the set retries
        }
        return outcome;
    }

    /** Releases the pins of the set's runs older than its newest {@code pinnedRunsPerSet}. */
    private void releaseOlderRuns(String set) {
        if (pinnedRunsPerSet == 0) {
            return;
        }
        List<RunRecord> runs = store.runs(set);
        for (int i = 0; i < runs.size() - pinnedRunsPerSet; i++) {
            index.release(PIN_PREFIX + runs.get(i).pins().runId());
        }
    }

    private RunOutcome evaluate(
            RunSpec spec,
            EvalSetVersion setVersion,
            List<EvalItem> items,
            long indexVersion,
            String modelId,
            String pipeline,
            String runId,
            Progress progress) {
        Groundedness judge =
                items.stream().anyMatch(i -> i.answer() != null && !i.answer().isBlank()) ? groundedness.get() : null;
        Map<String, QueryMetrics> documentLevel = new TreeMap<>();
        Map<String, QueryMetrics> chunkLevel = new TreeMap<>();
        Map<String, GroundednessResult> answers = new TreeMap<>();
        List<QueryResultRecord> results = new ArrayList<>(items.size());
        for (EvalItem item : items) {
            SearchResults found = index.search(
                    new SearchRequest(item.query(), spec.depth(), spec.mode(), spec.filter(), indexVersion));
            if (found.indexVersion() != indexVersion) {
                throw new IllegalStateException("searched index version " + found.indexVersion() + " instead of the "
                        + "pinned " + indexVersion);
            }
            List<Retrieved> retrieved = RankedLists.fromHits(found.results());
            Map<String, Double> metrics = new TreeMap<>();
            Map<String, Integer> sourceGold = gold(item, Level.DOCUMENT);
            if (!sourceGold.isEmpty()) {
                QueryMetrics m = Evaluator.evaluate(
                                RankedLists.toDocumentRanking(retrieved), sourceGold, spec.k(), GAIN)
                        .orElseThrow();
                documentLevel.put(item.id(), m);
                metrics.putAll(m.values());
            }
            Map<String, Integer> chunkGold = gold(item, Level.CHUNK);
            if (!chunkGold.isEmpty()) {
                QueryMetrics m = Evaluator.evaluate(RankedLists.toChunkRanking(retrieved), chunkGold, spec.k(), GAIN)
                        .orElseThrow();
                Map<String, Double> prefixed = new TreeMap<>();
                m.values().forEach((name, value) -> prefixed.put(RunMetrics.CHUNK_PREFIX + name, value));
                chunkLevel.put(item.id(), new QueryMetrics(prefixed));
                metrics.putAll(prefixed);
            }
            GroundednessResult g = null;
            String evidence = null;
            if (judge != null && item.answer() != null) {
                List<String> topTexts = found.results().stream()
                        .limit(spec.k())
                        .map(SearchHit::text)
                        .toList();
                g = judge.evaluate(item.answer(), item.contexts(), topTexts).orElse(null);
                if (g != null) {
                    answers.put(item.id(), g);
                    evidence = item.contexts() != null && !item.contexts().isEmpty()
                            ? QueryResultRecord.EVIDENCE_CONTEXTS
                            : QueryResultRecord.EVIDENCE_RETRIEVED;
                }
            }
            results.add(new QueryResultRecord(
                    runId,
                    item.id(),
                    item.query(),
                    retrieved.stream().map(Retrieved::chunkId).toList(),
                    RankedLists.toDocumentRanking(retrieved),
                    metrics,
                    g == null ? null : g.groundedness(),
                    g == null ? null : g.unsupportedClaims(),
                    retrieved.stream().map(r -> (double) (float) r.score()).toList(),
                    g == null ? null : g.scores(),
                    evidence,
                    g == null ? null : g.support()));
            progress.items(results.size(), items.size());
        }

        SortedMap<String, ConfidenceInterval> ci = new TreeMap<>();
        ci.putAll(RunSummary.of(documentLevel, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED)
                .metrics());
        ci.putAll(RunSummary.of(chunkLevel, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED)
                .metrics());
        if (!answers.isEmpty()) {
            double[] grounded = answers.values().stream()
                    .mapToDouble(GroundednessResult::groundedness)
                    .toArray();
            double[] hallucinated = answers.values().stream()
                    .mapToDouble(r -> r.hallucinated() ? 1 : 0)
                    .toArray();
            ci.put(RunMetrics.GROUNDEDNESS, Bootstrap.ci(grounded));
            ci.put(RunMetrics.HALLUCINATION_RATE, Bootstrap.ci(hallucinated));
            ci.put(
                    RunMetrics.SUPPORT,
                    Bootstrap.ci(answers.values().stream()
                            .mapToDouble(GroundednessResult::support)
                            .toArray()));
            ci.putAll(LabelledAnswers.aurocs(items, answers));
        }
        Map<String, Double> means = new TreeMap<>();
        ci.forEach((name, interval) -> means.put(name, interval.mean()));

        RunRecord run = new RunRecord(
                new RunPins(
                        runId,
                        spec.set(),
                        setVersion.version(),
                        setVersion.snapshotId(),
                        indexVersion,
                        spec.mode().name().toLowerCase(Locale.ROOT),
                        spec.k(),
                        modelId,
                        pipeline,
                        clock.instant().toString(),
                        RunConfig.of(spec, judge).json()),
                means,
                ci);
        store.saveRun(run, results);
        return new RunOutcome(run, results, RunCounts.of(results));
    }

    private EvalSetVersion latest(String set) {
        List<EvalSetVersion> versions = store.versions(set);
        return versions.get(versions.size() - 1);
    }

    /** The item's judgments at one level as {@code id -> grade}; empty when it has none there. */
    static Map<String, Integer> gold(EvalItem item, Level level) {
        List<Judgment> judgments = new ArrayList<>();
        for (Relevance r : item.relevant()) {
            String key = level == Level.DOCUMENT ? r.sourceId() : r.chunkId();
            if (key != null) {
                judgments.add(new Judgment(key, r.grade()));
            }
        }
        return Judgment.toMap(judgments);
    }

    /**
     * The models a run's retrieval used: the index's model, and the language models that embed the chunks and queries
     * of a language ({@code bge-small-en-v15-q+zh=bge-small-zh-v15-q}), so that a run pins them too.
     */
    static String withLanguageModels(String modelId, io.ragplatform.index.Embedder embedder) {
        StringBuilder sb = new StringBuilder(modelId == null ? "" : modelId);
        new java.util.TreeMap<>(embedder.languageModels())
                .forEach((language, model) ->
                        sb.append('+').append(language).append('=').append(model.modelId()));
        return modelId == null && sb.isEmpty() ? null : sb.toString();
    }
}

package io.ragplatform.api;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.eval.grounded.Groundedness;
import io.ragplatform.eval.grounded.GroundednessSettings;
import io.ragplatform.eval.grounded.LlmJudgeSettings;
import io.ragplatform.eval.grounded.NliSettings;
import io.ragplatform.eval.grounded.ScorerKind;
import io.ragplatform.eval.grounded.SupportScorers;
import io.ragplatform.eval.run.EvalRunner;
import io.ragplatform.eval.run.RunOutcome;
import io.ragplatform.eval.run.RunSpec;
import io.ragplatform.eval.store.EvalStore;
import io.ragplatform.eval.store.EvalStoreException;
import io.ragplatform.eval.store.EvalStores;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The evaluation store and runner. The store is opened on first use, not at start-up, so that an unreachable shared
 * catalog makes evaluation calls fail (503, retried on the next call) without taking ingestion and search down; the
 * groundedness scorer (and its model) is loaded the first time a run has answers to judge.
 */
@ApplicationScoped
public class EvalService {
    private static final Logger LOG = Logger.getLogger(EvalService.class);

    private final RagEngine engine;
    private final Jobs jobs;
    private final RagConfig.Eval config;
    private final Path warehouse;
    private EvalStore store;
    private EvalRunner runner;
    private Groundedness groundedness;

    EvalService(RagEngine engine, RagConfig config, Jobs jobs) {
        this.engine = engine;
        this.jobs = jobs;
        this.config = config.eval();
        this.warehouse = this.config
                .warehouse()
                .map(p -> p.toAbsolutePath().normalize())
                .orElse(engine.dataDir().resolve("warehouse"));
    }

    /** The store, opened now if it is not open yet. */
    public synchronized EvalStore store() {
        if (store == null) {
            String kind = config.catalog().strip().toLowerCase(Locale.ROOT);
            try {
                store = switch (kind) {
                    case "local" -> EvalStores.local(warehouse);
                    case "rest" -> EvalStores.rest(new TreeMap<>(config.rest()));
                    default ->
                        throw new IllegalStateException(
                                "rag.eval.catalog must be 'local' or 'rest'; was '" + config.catalog() + "'");
                };
            } catch (EvalStoreException | IllegalArgumentException | IllegalStateException e) {
                throw new ApiException(
                        EvalStoreException.UNAVAILABLE,
                        ErrorCategory.UNAVAILABLE,
                        "the evaluation store cannot be opened (" + describe() + "): " + e.getMessage()
                                + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""),
                        e);
            }
            LOG.infof("evaluation store open: %s", describe());
        }
        return store;
    }

    public synchronized EvalRunner runner() {
        if (runner == null) {
            runner = new EvalRunner(engine.index(), store(), this::groundedness, config.pinnedRunsPerSet());
        }
        return runner;
    }

    /**
     * Starts a run as a job of that owner, its set version and index version pinned now (the latest and the current
     * when the spec names none), so that a resumed run evaluates what the request asked for.
     */
    public Job startRun(RunSpec spec, String owner) {
        List<io.ragplatform.eval.store.EvalSetVersion> versions = store().versions(spec.set());
        int version = spec.setVersion() != null
                ? spec.setVersion()
                : versions.get(versions.size() - 1).version();
        long indexVersion = spec.indexVersion() != null
                ? spec.indexVersion()
                : engine.index().stats().indexVersion();
        RunSpec pinned =
                new RunSpec(spec.set(), version, spec.mode(), spec.k(), indexVersion, spec.access(), spec.licenses());
        return jobs.start("eval-run", pinned.set(), owner, params(pinned), j -> run(pinned, j));
    }

    /** Resumes an interrupted run job: the run is made again with the pins of the request (none was stored). */
    public Job resumeRun(Job interrupted) {
        RunSpec spec = spec(interrupted.params());
        return jobs.restart(interrupted, j -> run(spec, j));
    }

    /** A pinned run spec as a job's params (set version and index version given). */
    static Map<String, String> params(RunSpec pinned) {
        Map<String, String> params = new TreeMap<>();
        params.put("set", pinned.set());
        params.put("version", Integer.toString(pinned.setVersion()));
        params.put("mode", pinned.mode().name());
        params.put("k", Integer.toString(pinned.k()));
        params.put("indexVersion", Long.toString(pinned.indexVersion()));
        params.put(
                "access",
                pinned.access().all() ? "all" : Json.write(pinned.access().groups()));
        params.put("license", pinned.licenses().toString());
        return params;
    }

    /** The run spec of a job's {@link #params}. */
    static RunSpec spec(Map<String, String> p) {
        String access = p.get("access");
        return new RunSpec(
                p.get("set"),
                Integer.parseInt(p.get("version")),
                SearchMode.valueOf(p.get("mode")),
                Integer.parseInt(p.get("k")),
                Long.parseLong(p.get("indexVersion")),
                "all".equals(access) ? AccessScope.ALL : AccessScope.groups(new TreeSet<>(AclField.parse(access))),
                // a job recorded before licences has none: every licence
                LicenseFilter.parse(p.containsKey("license") ? List.of(p.get("license")) : List.of()));
    }

    private void run(RunSpec spec, Job j) {
        j.phase("searching and scoring the set's items");
        RunOutcome out = runner().run(spec, (done, total) -> j.progress(done, total));
        j.result(EvalViews.RunView.of(out.run(), out.counts(), retainedIndexVersions()));
    }

    /** The index versions that can still be searched (and so re-run). */
    public Set<Long> retainedIndexVersions() {
        Set<Long> out = new HashSet<>();
        engine.index().versions().forEach(v -> out.add(v.version()));
        out.add(engine.index().stats().indexVersion());
        return out;
    }

    /** Where the tables are, for messages and {@code GET /v1/eval}. */
    public String describe() {
        return config.catalog().strip().equalsIgnoreCase("rest")
                ? "Iceberg REST catalog " + config.rest().getOrDefault("uri", "(no uri)")
                : "local Iceberg warehouse " + warehouse;
    }

    public io.ragplatform.index.RagIndex index() {
        return engine.index();
    }

    public Path warehouse() {
        return warehouse;
    }

    private synchronized Groundedness groundedness() {
        if (groundedness == null) {
            RagConfig.Groundedness g = config.groundedness();
            long t0 = System.nanoTime();
            try {
                groundedness = SupportScorers.evaluator(groundednessSettings(g));
            } catch (RuntimeException e) {
                throw new ApiException(
                        "groundedness_unavailable",
                        ErrorCategory.UNAVAILABLE,
                        "the groundedness scorer '" + g.scorer() + "' cannot be set up (rag.eval.groundedness.*): "
                                + e.getMessage(),
                        e);
            }
            LOG.infof(
                    "groundedness scorer %s (threshold %.2f) ready in %d ms",
                    groundedness.scorer().name(), groundedness.threshold(), (System.nanoTime() - t0) / 1_000_000);
        }
        return groundedness;
    }

    /** {@code rag.eval.groundedness.*} as the evaluator's typed settings (validated there). */
    static GroundednessSettings groundednessSettings(RagConfig.Groundedness g) {
        RagConfig.Groundedness.Llm llm = g.llm();
        RagConfig.Groundedness.Nli nli = g.nli();
        return new GroundednessSettings(
                ScorerKind.parse(g.scorer()),
                g.threshold().map(OptionalDouble::of).orElseGet(OptionalDouble::empty),
                g.embeddingModel().orElse(null),
                new LlmJudgeSettings(
                        llm.baseUrl().orElse(null),
                        llm.model(),
                        llm.apiKey(),
                        Duration.ofSeconds(llm.timeoutSeconds())),
                new NliSettings(
                        nli.modelPath(),
                        nli.tokenizerPath(),
                        nli.entailmentIndex().map(OptionalInt::of).orElseGet(OptionalInt::empty),
                        nli.maxTokens()));
    }

    @PreDestroy
    synchronized void close() {
        if (store != null) {
            store.close();
        }
    }
}

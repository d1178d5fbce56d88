package io.ragplatform.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The service's settings ({@code rag.*} in application.properties, or {@code RAG_*} environment variables). */
@ConfigMapping(prefix = "rag")
public interface RagConfig {
    /** Where all state lives. */
    @WithDefault("data")
    Path dataDir();

    Embedding embedding();

    Upload upload();

    Extraction extraction();

    Index index();

    Eval eval();

    Auth auth();

    /** Licences and the other governance rules (README, "Licences"). */
    Governance governance();

    Quarantine quarantine();

    Jobs jobs();

    /** The quarantine of refused and failed files ({@code <data dir>/quarantine}). */
    interface Quarantine {
        /** Most records kept; beyond, the least recently seen go. */
        @WithDefault("1000")
        int maxRecords();

        /**
         * Most bytes of refused uploads kept for retries, all records together (each at most
         * {@code rag.upload.max-bytes}); beyond, a record is kept without its bytes.
         */
        @WithDefault("1073741824")
        long maxKeptBytes();
    }

    /** Background jobs ({@code <data dir>/jobs}). */
    interface Jobs {
        /** Most jobs kept in the history (across restarts); the oldest that are not running go first. */
        @WithDefault("200")
        int keep();
    }

    /** Named directory sources: {@code rag.sources.<name>.path} and, for scheduled syncs, {@code rag.sources.<name>.cron}. */
    Map<String, Source> sources();

    interface Source {
        /** The directory to sync. */
        Path path();

        /** A Quartz-style cron expression (seconds first, e.g. {@code 0 0/15 * * * ?}); none: sync on request only. */
        Optional<String> cron();

        /** The groups that may read the source's documents ({@code public}: everyone); none: {@code rag.auth.default-acl}. */
        Optional<List<String>> acl();

        /** The licence of the source's files (their {@code license} metadata); none: {@code rag.governance.default-license}. */
        Optional<String> license();

        /** PII and secrets in the source's files: {@code redact}, {@code flag} or {@code off}; none: {@code rag.governance.pii}. */
        Optional<String> pii();
    }

    interface Governance {
        /** The licence of a file whose upload (its {@code license} metadata) and source name none. */
        @WithDefault("unknown")
        String defaultLicense();

        /** Licences whose files are refused ({@code license_denied}, 422) and never indexed. */
        Optional<List<String>> deniedLicenses();

        /**
         * PII and secrets in uploads and in sources without their own setting: {@code redact} (placeholders replace
         * them before chunking), {@code flag} (counted only) or {@code off}.
         */
        @WithDefault("redact")
        String pii();

        /**
         * The secret (at least 16 characters; 32 random bytes in base64 is right) the redaction maps are encrypted
         * with; none: no map is kept, the originals are gone once redacted.
         */
        Optional<String> redactionKey();

        /** The estimated Jaccard similarity of two documents' word 5-shingles from which they are near-duplicates. */
        @WithDefault("0.8")
        double nearDuplicateThreshold();

        /**
         * When the governance audit runs and is stored (Quartz cron; {@code off} never): weekly by default, Mondays
         * at 03:00. Also set in application.properties, where the scheduler reads it.
         */
        @WithDefault("0 0 3 ? * MON")
        String auditCron();

        /**
         * The data-quality checks that refuse a file ({@code quality_check_failed}, 422, quarantined), comma-separated:
         * {@code empty}, {@code needs-ocr}, or a measure, a comparison and a number ({@code mojibake>0.05},
         * {@code repeated-lines>0.5}, {@code language-confidence<0.3}, {@code characters<200}); none: no file is
         * refused for its quality (docs/GOVERNANCE.md, "Data-quality checks").
         */
        Optional<String> quarantineWhen();
    }

    /** Who may call the service: API keys with roles (README, "Access: keys and roles"). */
    interface Auth {
        /**
         * Keys as SHA-256 hex digests with their role, name and groups: {@code <sha256hex>:<role>[:<name>[:<group>|...]]},
         * comma-separated. None here and no {@link #keysFile()}: no authentication, every caller acts as admin.
         */
        Optional<List<String>> apiKeys();

        /** A file of the same entries, one a line ({@code #} comments), re-read when it changes. */
        Optional<Path> keysFile();

        /**
         * {@code true}: no authentication even on a non-loopback address, every caller acts as admin (configured keys
         * are ignored). Without keys the service refuses to listen beyond loopback unless this is set.
         */
        @WithDefault("false")
        boolean disabled();

        /**
         * The acl of a document whose upload or source names none: group names, or {@code public} (everyone with a
         * key may read it).
         */
        @WithDefault("public")
        List<String> defaultAcl();
    }

    interface Eval {
        /** Where the evaluation tables live: {@code local} (an embedded catalog under the data directory) or {@code rest}. */
        @WithDefault("local")
        String catalog();

        /** The local warehouse directory; default {@code <data dir>/warehouse}. */
        Optional<Path> warehouse();

        /**
         * The Iceberg REST catalog's properties when {@code catalog=rest}: {@code uri} at least, and {@code warehouse},
         * {@code credential}, {@code token}, {@code io-impl} ... as the server needs ({@code rag.eval.rest."uri"=...}).
         */
        Map<String, String> rest();

        /** How answers are judged. */
        Groundedness groundedness();

        /**
         * How many of each set's newest runs keep their index version pinned beyond the index's retention, so that they
         * stay re-runnable; 0 pins nothing.
         */
        @WithDefault("10")
        int pinnedRunsPerSet();

        /** How long a BEIR import request waits for its job before answering 202 with the job. */
        @WithDefault("PT10S")
        java.time.Duration importWait();
    }

    interface Groundedness {
        /**
         * {@code align-contrast} (offline, default), {@code lexical-coverage}, {@code embedding-similarity}, {@code
         * llm-judge} or {@code nli} (the user's own ONNX model, {@link #nli()}).
         */
        @WithDefault("align-contrast")
        String scorer();

        /** The support a claim needs; default: the scorer's own (0.85 offline, 0.5 for the judge). */
        Optional<Double> threshold();

        /** The in-process model of the offline scorers; default all-minilm-l6-v2-q. */
        Optional<String> embeddingModel();

        Llm llm();

        interface Llm {
            /** An OpenAI-compatible endpoint, e.g. {@code http://localhost:11434/v1} for Ollama. */
            Optional<String> baseUrl();

            Optional<String> model();

            Optional<String> apiKey();

            @WithDefault("60")
            int timeoutSeconds();
        }

        /** The user's cross-encoder NLI or fact-checking model, exported to ONNX (docs/GROUNDEDNESS.md). */
        Nli nli();

        interface Nli {
            /** The ONNX file, e.g. {@code /models/deberta-v3-nli/model.onnx}; required with {@code scorer=nli}. */
            Optional<Path> modelPath();

            /** The model's tokenizer.json; default: tokenizer.json beside the model. */
            Optional<Path> tokenizerPath();

            /**
             * Which output is the entailment label (its number in {@code id2label} of the model's config.json); default:
             * the label named entailment in config.json beside the model. A single-output model takes none.
             */
            Optional<Integer> entailmentIndex();

            /** The longest model input in tokens: premise, claim and special tokens. */
            @WithDefault("512")
            int maxTokens();
        }
    }

    interface Index {
        /** How many of the newest index versions stay searchable. */
        @WithDefault("20")
        int retainVersions();

        /** Versions younger than this stay searchable too. */
        @WithDefault("P7D")
        java.time.Duration retainAge();
    }

    interface Embedding {
        @WithDefault("bge-small-en-v15-q")
        String model();

        /** The model's input size in tokens (special tokens included); 0 for the model's default. */
        @WithDefault("0")
        int maxTokens();

        /** When the stored vectors are of another model: {@code refuse} to start, or {@code rebuild} a shadow index. */
        @WithDefault("refuse")
        String onModelChange();

        /**
         * Models that embed the chunks and queries of a language besides the main model, each into its own vector
         * field: {@code zh=bge-small-zh-v15-q}, comma-separated; {@code none} for the main model alone.
         */
        @WithDefault("zh=bge-small-zh-v15-q")
        String languageModels();
    }

    interface Upload {
        @WithDefault("104857600")
        long maxBytes();
    }

    interface Extraction {
        @WithDefault("20000000")
        long maxChars();

        @WithDefault("10000")
        int maxEmbedded();

        /**
         * Where Tika parses: {@code fork} (default) in a pool of forked JVMs, so that a parser that hangs, exhausts its
         * memory or crashes costs one file; {@code in-process} in the service's own JVM (benchmarks, environments that
         * cannot start processes).
         */
        @WithDefault("fork")
        String isolation();

        /** How many forked parsers (JVMs) run at once; 0 = one per available processor. */
        @WithDefault("0")
        int parsers();

        /** The longest a forked parser may take over one file before it is stopped ({@code extraction_timeout}). */
        @WithDefault("60s")
        java.time.Duration timeout();

        /** The heap cap of each forked parser ({@code -Xmx}); past it the file is refused ({@code extraction_failed}). */
        @WithDefault("512M")
        io.quarkus.runtime.configuration.MemorySize maxHeap();

        /**
         * OCR of images and of PDF pages without a text layer, through Tesseract: {@code auto} (default) where it is
         * installed, {@code off}, or {@code required} (the service does not start without it).
         */
        @WithDefault("auto")
        String ocr();

        /** Tesseract's languages, joined by {@code +}; those not installed are left out (named in the log). */
        @WithDefault("eng+chi_sim")
        String ocrLanguages();
    }
}

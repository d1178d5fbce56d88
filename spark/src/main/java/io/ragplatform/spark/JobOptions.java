package io.ragplatform.spark;

import io.ragplatform.error.RagException;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.sync.DocumentSource;
import io.ragplatform.ingest.Acl;
import io.ragplatform.ingest.License;
import io.ragplatform.ingest.OcrOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one run of {@link IngestJob} ingests and how: the command line, checked.
 *
 * @param input a local directory, or a Hadoop file-system URI ({@code s3a://bucket/prefix}, {@code hdfs://...},
 *     {@code file:///...}) whose files are listed recursively
 * @param warehouse the embedded warehouse directory ({@code <dir>/catalog.db}, the service's {@code data/warehouse}), or
 *     null to use the Spark catalog {@value SparkCorpus#CATALOG} as the Spark configuration defines it
 * @param source the source name: a file at relative path {@code p} is stored under sourceId {@code source/p}, as a
 *     directory source of the service names it
 * @param model the embedding model, a name {@link Embedders#named} accepts; its tokenizer also sizes the chunks
 * @param maxTokens the model's input size, 0 for the model's own
 * @param languageModels the service's {@code rag.embedding.language-models} ({@code zh=bge-small-zh-v15-q}, or
 *     {@code none})
 * @param license the licence every file of the source is stored with, or null for the preparer's default
 * @param acl who may read the source's documents (normalized, {@link Acl#of})
 * @param partitions how many partitions the files are prepared in; 0 for four per core of the cluster
 * @param isolation where Tika parses: in the executor's JVM ({@code in-process}) or in a forked JVM per task
 *     ({@code fork})
 * @param parseTimeout with {@code fork}: the longest one file may take
 * @param parserHeapMb with {@code fork}: the forked parser's heap in MB
 * @param ocr OCR of images and scanned pages, where Tesseract is installed on the executors
 * @param keepMissing whether the documents of files the listing no longer has are kept (by default they are deleted,
 *     as a sync of the service deletes them)
 * @param report where to write the run's report as JSON, or null
 */
public record JobOptions(
        String input,
        Path warehouse,
        String source,
        String model,
        int maxTokens,
        String languageModels,
        String license,
        List<String> acl,
        int partitions,
        String isolation,
        Duration parseTimeout,
        int parserHeapMb,
        OcrOptions ocr,
        boolean keepMissing,
        Path report) {
    public static final String IN_PROCESS = "in-process";
    public static final String FORK = "fork";

    public static final String USAGE = """
            usage: IngestJob --input <dir or URI> [--warehouse <dir>] [--source <name>] [options]
              --input <dir|uri>          files to ingest: a local directory, or s3a://, hdfs://, file:// ... (recursive)
              --warehouse <dir>          the embedded warehouse (<dir>/catalog.db); without it, the Spark catalog 'rag'
                                         as spark.sql.catalog.rag.* configures it
              --source <name>            source name; sourceId = <name>/<relative path> (default: the input's last
                                         path segment)
              --model <name>             embedding model (default bge-small-en-v15-q)
              --max-tokens <n>           the model's input size (default 0: the model's own)
              --language-models <spec>   zh=bge-small-zh-v15-q (default) or none
              --license <tag>            licence of every file of the source (default: the preparer's, unknown)
              --acl <g1,g2,...>          groups that may read the documents (default public)
              --partitions <n>           partitions to prepare the files in (default 0: four per core)
              --isolation <mode>         in-process (default) or fork (Tika in a forked JVM per task)
              --parse-timeout <dur>      with fork: per-file timeout, ISO-8601 or 60s (default 60s)
              --parser-heap-mb <n>       with fork: the forked parser's heap (default 512)
              --ocr <mode>               auto (default), off or required
              --ocr-languages <l+l>      Tesseract languages (default eng+chi_sim)
              --keep-missing             keep the documents of files no longer listed (default: delete them)
              --report <file>            also write the report (JSON) there
            """;

    public JobOptions {
        Objects.requireNonNull(input, "input");
        DocumentSource.checkName(source);
        acl = Acl.of(acl);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(languageModels, "languageModels");
        Objects.requireNonNull(ocr, "ocr");
        Objects.requireNonNull(parseTimeout, "parseTimeout");
        if (!isolation.equals(IN_PROCESS) && !isolation.equals(FORK)) {
            throw new IllegalArgumentException("isolation is in-process or fork; was " + isolation);
        }
    }

    /** Whether {@link #input()} names a Hadoop file system (a URI with a scheme) rather than a local directory. */
    public boolean inputIsUri() {
        return isUri(input);
    }

    static boolean isUri(String input) {
        return input.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") || input.startsWith("file:/");
    }

    /**
     * Parses a command line.
     *
     * @throws RagException ({@code invalid_arguments}) naming what is wrong: a missing or unknown option, a bad value
     */
    public static JobOptions parse(String... args) {
        String input = null;
        Path warehouse = null;
        String source = null;
        String model = Embedders.BGE_SMALL_EN_V15_Q;
        int maxTokens = 0;
        String languageModels = "zh=" + Embedders.BGE_SMALL_ZH_V15_Q;
        String license = null;
        List<String> acl = Acl.PUBLIC_ONLY;
        int partitions = 0;
        String isolation = IN_PROCESS;
        Duration timeout = Duration.ofSeconds(60);
        int heap = 512;
        String ocr = "auto";
        String ocrLanguages = "eng+chi_sim";
        boolean keepMissing = false;
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep-missing")) {
                keepMissing = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw invalid("unexpected argument '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw invalid(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--input" -> input = value;
                case "--warehouse" ->
                    warehouse = Path.of(value).toAbsolutePath().normalize();
                case "--source" -> source = value;
                case "--model" -> model = value;
                case "--max-tokens" -> maxTokens = number(name, value);
                case "--language-models" -> languageModels = value;
                case "--license" -> license = value;
                case "--acl" -> acl = List.of(value.split(","));
                case "--partitions" -> partitions = number(name, value);
                case "--isolation" -> isolation = value.strip().toLowerCase(Locale.ROOT);
                case "--parse-timeout" -> timeout = duration(name, value);
                case "--parser-heap-mb" -> heap = number(name, value);
                case "--ocr" -> ocr = value;
                case "--ocr-languages" -> ocrLanguages = value;
                case "--report" -> report = Path.of(value).toAbsolutePath().normalize();
                default -> throw invalid("unknown option " + name);
            }
        }
        if (input == null || input.isBlank()) {
            throw invalid("--input is required: the directory or URI of the files to ingest");
        }
        if (source == null) {
            source = lastSegment(input);
        }
        if (source == null || !source.matches("[A-Za-z0-9._-]{1,64}")) {
            throw invalid("--source must be 1-64 letters, digits, '.', '_' or '-'"
                    + (source == null ? "" : "; was '" + source + "'")
                    + " (the default is the input's last path segment)");
        }
        if (!isolation.equals(IN_PROCESS) && !isolation.equals(FORK)) {
            throw invalid("--isolation is in-process or fork; was '" + isolation + "'");
        }
        if (heap < 64) {
            throw invalid("--parser-heap-mb must be at least 64");
        }
        OcrOptions ocrOptions;
        try {
            ocrOptions = OcrOptions.parse(ocr, ocrLanguages);
        } catch (IllegalArgumentException e) {
            throw invalid("--ocr / --ocr-languages: " + e.getMessage());
        }
        try {
            List<String> normalizedAcl = Acl.of(acl);
            String normalizedLicense = license == null ? null : License.of(license);
            return new JobOptions(
                    input,
                    warehouse,
                    source,
                    model,
                    maxTokens,
                    languageModels,
                    normalizedLicense,
                    normalizedAcl,
                    partitions,
                    isolation,
                    timeout,
                    heap,
                    ocrOptions,
                    keepMissing,
                    report);
        } catch (RagException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String lastSegment(String input) {
        String path = isUri(input) ? URI.create(input).getPath() : input;
        if (path == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.replace('\\', '/').split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? null : parts.getLast();
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw invalid(name + " must not be negative; was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name + " needs a whole number; was '" + value + "'");
        }
    }

    private static Duration duration(String name, String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        try {
            Duration d = v.startsWith("P") ? Duration.parse(v) : Duration.parse("PT" + v);
            if (d.isNegative() || d.isZero()) {
                throw invalid(name + " must be positive; was " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw invalid(name + " needs a duration such as 60s or PT2M; was '" + value + "'");
        }
    }

    private static RagException invalid(String message) {
        return RagException.invalid("invalid_arguments", message);
    }
}

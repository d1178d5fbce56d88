package io.ragplatform.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tika.exception.TikaException;
import org.apache.tika.fork.ForkParser;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses in forked JVMs: a fixed number of slots, each one Tika {@link ForkParser} with a process pool of one, so that
 * this class decides when a forked JVM is discarded. A slot parses one file at a time; a caller waits for a free slot.
 *
 * <p>Per file, a watchdog kills the forked JVM when the timeout passes (Tika's own watchdog in the forked JVM is set a
 * little later, as a backstop); the call then fails with {@link RejectReason#EXTRACTION_TIMEOUT}. A forked JVM that
 * dies on its own is a crash, and one whose parse ran out of memory is discarded: both {@link
 * RejectReason#EXTRACTION_FAILED}. A discarded JVM is replaced by a new one, started by the next file of its slot.
 *
 * <p>A forked JVM is the same {@code java} binary as this one, with {@code -Xmx} the configured heap cap; it loads its
 * classes from this JVM (Tika's bootstrap class loader over the pipe), so it needs no class path of its own. It exits
 * when this JVM closes the pool or dies (its standard input closes).
 */
final class ForkPool implements TikaParsing {
    private static final System.Logger LOG = System.getLogger(ForkPool.class.getName());
    /** The system property that tells the forked JVMs of this pool apart, so that the watchdog can find one. */
    static final String MARKER = "rag.extraction.forked-parser";
    /** How long a forked JVM may take to start and build its parser. */
    private static final long START_TIMEOUT_MS = 120_000;
    /** Tika's watchdog in the forked JVM stops a parse this much after ours should have. */
    private static final long BACKSTOP_MS = 10_000;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final ForkOptions options;
    private final ForkedParse childParser;
    private final List<String> javaCommand;
    private final List<Slot> slots = new ArrayList<>();
    private final BlockingQueue<Slot> idle;
    private final ScheduledExecutorService watchdog;
    /** Starts the replacement of a discarded JVM, so that the next file does not wait for it. */
    private final ExecutorService starter;

    private volatile boolean closed;

    ForkPool(ExtractionLimits limits, ForkOptions options, Ocr ocr) {
        this.options = options;
        this.childParser = new ForkedParse(new ForkedParse.Settings(limits.maxEmbeddedResources() + 1, ocr));
        this.javaCommand = javaCommand(options.maxHeapBytes());
        this.idle = new ArrayBlockingQueue<>(options.parsers());
        for (int i = 0; i < options.parsers(); i++) {
            Slot slot = new Slot();
            slots.add(slot);
            idle.add(slot);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rag-extraction-watchdog"));
        this.starter = Executors.newSingleThreadExecutor(r -> daemon(r, "rag-extraction-starter"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The command of a forked JVM, before Tika adds {@code -jar bootstrap.jar} and its timeouts. */
    static List<String> javaCommand(long maxHeapBytes) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + Math.max(1, maxHeapBytes >> 20) + "m",
                // one parse at a time in a small heap: the serial collector, no GC threads per core
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                // the parsers' logging (PDFBox through JBoss Logging, POI) goes to java.util.logging, on standard error
                "-Dorg.jboss.logging.provider=jdk"));
        // what a parser's output may depend on: the same as here
        for (String key :
                List.of("file.encoding", "user.language", "user.country", "user.timezone", "java.io.tmpdir")) {
            String value = System.getProperty(key);
            if (value != null && !value.isEmpty()) {
                command.add("-D" + key + "=" + value);
            }
        }
        return List.copyOf(command);
    }

    @Override
    public void parse(Path file, Metadata metadata, Collecting handler) throws Exception {
        Slot slot = acquire();
        // unless the parse ends normally or with the parser's own exception, the JVM is gone or unfit for another file
        slot.fit = false;
        try {
            if (!slot.started) {
                start(slot);
            }
            parseIn(slot, file, metadata, handler);
        } finally {
            if (!slot.fit) {
                slot.discard();
                // a caller that takes the slot meanwhile waits in ForkParser for this start to finish
                ForkParser replacement = slot.parser;
                try {
                    starter.execute(() -> {
                        if (!closed && slot.parser == replacement && !slot.started) {
                            try {
                                start(slot);
                            } catch (IngestException e) {
                                LOG.log(System.Logger.Level.WARNING, "a forked parser did not start", e);
                            }
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            }
            idle.add(slot);
        }
    }

    private void parseIn(Slot slot, Path file, Metadata metadata, Collecting handler) throws Exception {
        ParseContext context = new ParseContext();
        context.set(
                ForkedParse.Source.class,
                new ForkedParse.Source(file.toAbsolutePath().toString()));
        long timeoutMs = options.timeout().toMillis();
        AtomicBoolean killed = new AtomicBoolean();
        long t0 = System.nanoTime();
        ScheduledFuture<?> timer = watchdog.schedule(
                () -> {
                    killed.set(true);
                    if (!kill(slot)) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "forked parser {0} not found to stop; its own watchdog stops it {1} later",
                                slot.marker,
                                seconds(BACKSTOP_MS));
                    }
                },
                timeoutMs,
                TimeUnit.MILLISECONDS);
        try {
            slot.parser.parse(new ByteArrayInputStream(new byte[0]), handler, metadata, context);
            slot.fit = true;
        } catch (ForkedParse.Failure f) {
            if (f.outOfMemory()) {
                throw new DocumentRejectedException(
                        RejectReason.EXTRACTION_FAILED,
                        ExtractionLimits.Limit.PARSER_HEAP,
                        shown(file, metadata) + " could not be parsed: the parser ran out of memory (" + f.getMessage()
                                + ") within its heap of " + (options.maxHeapBytes() >> 20) + " MB",
                        null);
            }
            // the parser's own exception: the caller classifies it as it does in-process; the JVM is fine
            slot.fit = true;
            Throwable cause = f.getCause() == null ? f : f.getCause();
            if (cause instanceof Exception e) {
                throw e;
            }
            throw f;
        } catch (TikaException e) {
            if (!(e.getCause() instanceof IOException)) {
                // a failure on this side of the pipe (ForkParser's own); the JVM answered
                slot.fit = true;
                throw e;
            }
            // the forked JVM is gone: killed by the watchdog, or dead on its own
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (killed.get() || ms >= timeoutMs) {
                throw new DocumentRejectedException(
                        RejectReason.EXTRACTION_TIMEOUT,
                        ExtractionLimits.Limit.PARSE_TIME,
                        shown(file, metadata) + " took longer than " + seconds(timeoutMs)
                                + " to parse; the parser was stopped",
                        null);
            }
            throw new DocumentRejectedException(
                    RejectReason.EXTRACTION_FAILED,
                    shown(file, metadata) + " could not be parsed: the parser process died after " + seconds(ms)
                            + " (a crash of the parser or of its JVM)",
                    null);
        } finally {
            timer.cancel(false);
        }
    }

    /** Starts the slot's JVM (and its parser) with a call that parses nothing, outside any file's timeout. */
    /**
     * Starts the slot's JVM; one that dies while starting (it happens on a loaded machine, the handshake over the pipe
     * breaks) is replaced and started once more before the file is given up.
     */
    private void start(Slot slot) {
        try {
            startOnce(slot);
        } catch (IngestException first) {
            if (first.getMessage().contains("did not start within")) {
                throw first;
            }
            LOG.log(System.Logger.Level.WARNING, "a forked parser died while starting; starting another", first);
            slot.discard();
            startOnce(slot);
        }
    }

    private void startOnce(Slot slot) {
        AtomicBoolean killed = new AtomicBoolean();
        ScheduledFuture<?> timer = watchdog.schedule(
                () -> {
                    killed.set(true);
                    kill(slot);
                },
                START_TIMEOUT_MS,
                TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        try {
            slot.parser.parse(
                    new ByteArrayInputStream(new byte[0]), new DefaultHandler(), new Metadata(), new ParseContext());
            slot.started = true;
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "forked parser {0} started in {1} ms",
                    slot.marker,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | org.xml.sax.SAXException | TikaException e) {
            throw new IngestException(
                    "cannot start a forked parser (" + String.join(" ", javaCommand) + ")"
                            + (killed.get() ? ": it did not start within " + seconds(START_TIMEOUT_MS) : ""),
                    e);
        } finally {
            timer.cancel(false);
        }
    }

    private Slot acquire() {
        if (closed) {
            throw new IngestException("the extractor is closed");
        }
        try {
            Slot slot = idle.take();
            if (closed) {
                idle.add(slot);
                throw new IngestException("the extractor is closed");
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting for a forked parser", e);
        }
    }

    /**
     * Kills the slot's forked JVM and whatever it started (found by its marker among this JVM's children).
     *
     * @return whether there was one
     */
    private static boolean kill(Slot slot) {
        String arg = "-D" + MARKER + "=" + slot.marker;
        boolean found = false;
        for (ProcessHandle p : ProcessHandle.current().children().toList()) {
            boolean ours = p.info()
                    .arguments()
                    .map(args -> Arrays.asList(args).contains(arg))
                    .orElse(false);
            if (ours) {
                found = true;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        return found;
    }

    private static String shown(Path file, Metadata metadata) {
        String name = metadata.get(org.apache.tika.metadata.TikaCoreProperties.RESOURCE_NAME_KEY);
        return name == null || name.isBlank() ? "the file" : "'" + name + "'";
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Slot slot : slots) {
            // idle JVMs are closed by their ForkParser; one still parsing is killed
            slot.parser.close();
            kill(slot);
        }
        starter.shutdownNow();
        watchdog.shutdownNow();
    }

    /** One forked JVM's place in the pool. */
    private final class Slot {
        volatile ForkParser parser;
        volatile String marker;
        volatile boolean started;
        /** Whether the JVM may parse the next file (set per parse). */
        boolean fit;

        Slot() {
            renew();
        }

        private void renew() {
            marker = ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
            ForkParser p = new ForkParser(ForkPool.class.getClassLoader(), childParser);
            p.setPoolSize(1);
            List<String> command = new ArrayList<>(javaCommand);
            command.add("-D" + MARKER + "=" + marker);
            p.setJavaCommand(command);
            p.setServerPulseMillis(
                    Math.min(1000, Math.max(100, options.timeout().toMillis() / 4)));
            p.setServerParseTimeoutMillis(options.timeout().toMillis() + BACKSTOP_MS);
            // an idle forked JVM stays: it exits when this JVM closes the pool or dies
            p.setServerWaitTimeoutMillis(0);
            parser = p;
            started = false;
        }

        /** Stops this slot's JVM, if any is left, and makes the next file start a new one. */
        void discard() {
            parser.close();
            renew();
        }
    }
}

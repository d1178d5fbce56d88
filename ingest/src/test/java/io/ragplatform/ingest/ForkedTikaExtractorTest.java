package io.ragplatform.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.fixtures.HostileParser;
import io.ragplatform.fixtures.ZipBomb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Extractors#forkedTika}: the same documents as in-process for every fixture, and a parser that hangs, exhausts
 * its heap or kills its JVM costs one file and one forked JVM, which is replaced. The misbehaving parser is {@link
 * HostileParser}, registered by this module's test resources for the extensions {@code .rag-hang}, {@code .rag-oom}
 * and {@code .rag-crash}.
 */
class ForkedTikaExtractorTest {
    private static final Extractor IN_PROCESS = Extractors.tika(ExtractionLimits.DEFAULTS);
    /**
     * For the fixtures: one parser (callers wait for it), a generous timeout, since a new forked JVM loads each format's
     * classes from this JVM on first use.
     */
    private static final Extractor FORKED =
            Extractors.forkedTika(ExtractionLimits.DEFAULTS, new ForkOptions(1, Duration.ofSeconds(60), 256L << 20));
    /** For the misbehaving parser: short timeout, small heap. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static final Extractor HOSTILE =
            Extractors.forkedTika(ExtractionLimits.DEFAULTS, new ForkOptions(1, TIMEOUT, 128L << 20));

    @TempDir
    Path tmp;

    @AfterAll
    static void close() {
        FORKED.close();
        HOSTILE.close();
    }

    static Stream<Path> fixtures() {
        List<Path> files = new ArrayList<>();
        // testPDF_bad_page_303226.pdf takes 10 s a parse here; the api's corpus test parses it forked
        Fixture.tikaCorpus().stream()
                .filter(name -> !name.equals("testPDF_bad_page_303226.pdf"))
                .forEach(name -> files.add(Fixture.tika(name)));
        for (String name : List.of(
                "handbook.html",
                "handbook.docx",
                "handbook.md",
                "handbook.txt",
                "handbook.eml",
                "handbook.pdf",
                "handbook-edited.txt")) {
            files.add(Fixture.handbook(name));
        }
        for (String name :
                List.of("fixture.html", "fixture.odt", "fixture.rtf", "release-checklist.md", "site-chrome.html")) {
            files.add(Fixtures.resource("fixtures/" + name));
        }
        return files.stream();
    }

    /** The documents, or the refusal's reason and message. */
    private static Object outcome(Extractor extractor, Path file) {
        try {
            return extractor.extract(file, file.getFileName().toString());
        } catch (DocumentRejectedException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void a_forked_parser_extracts_exactly_what_the_in_process_one_does(Path file) {
        assertEquals(outcome(IN_PROCESS, file), outcome(FORKED, file));
    }

    @Test
    void concurrent_callers_wait_for_the_forked_parser_and_get_their_own_documents() throws Exception {
        List<Path> files = List.of(
                Fixture.handbook("handbook.pdf"),
                Fixture.handbook("handbook.docx"),
                Fixture.handbook("handbook.html"),
                Fixture.tika("testRFC822_multipart_attachments.eml"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Path f : files) {
                    results.add(pool.submit(() -> outcome(FORKED, f)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(
                        outcome(IN_PROCESS, files.get(i % files.size())),
                        results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_hanging_parser_is_stopped_at_the_timeout_and_the_next_file_is_parsed() {
        Path good = Fixtures.writeUtf8(tmp, "after.txt", "The next file is parsed by a new forked parser.");
        outcome(HOSTILE, good);
        Set<Long> before = forkedJvms();

        long t0 = System.nanoTime();
        DocumentRejectedException e = rejected(HOSTILE, marker("stuck.rag-hang"));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(RejectReason.EXTRACTION_TIMEOUT, e.reason());
        assertEquals(ExtractionLimits.Limit.PARSE_TIME, e.limit().orElseThrow());
        assertTrue(e.getMessage().contains("took longer than 3 s"), e.getMessage());
        assertTrue(ms >= TIMEOUT.toMillis() && ms < TIMEOUT.toMillis() + 2_000, "answered after " + ms + " ms");
        assertNextFileWorksInANewJvm(good, before);
    }

    @Test
    void a_parser_out_of_memory_costs_its_file_and_its_jvm_only() {
        Path good = Fixtures.writeUtf8(tmp, "after.txt", "The next file is parsed by a new forked parser.");
        outcome(HOSTILE, good);
        Set<Long> before = forkedJvms();

        DocumentRejectedException e = rejected(HOSTILE, marker("hog.rag-oom"));

        assertEquals(RejectReason.EXTRACTION_FAILED, e.reason());
        assertEquals(ExtractionLimits.Limit.PARSER_HEAP, e.limit().orElseThrow());
        assertTrue(
                e.getMessage().contains("ran out of memory (Java heap space) within its heap of 128 MB"),
                e.getMessage());
        assertNextFileWorksInANewJvm(good, before);
    }

    @Test
    void a_crash_of_the_parser_jvm_costs_its_file_only() {
        Path good = Fixtures.writeUtf8(tmp, "after.txt", "The next file is parsed by a new forked parser.");
        outcome(HOSTILE, good);
        Set<Long> before = forkedJvms();

        DocumentRejectedException e = rejected(HOSTILE, marker("boom.rag-crash"));

        assertEquals(RejectReason.EXTRACTION_FAILED, e.reason());
        assertTrue(e.getMessage().contains("the parser process died"), e.getMessage());
        assertNextFileWorksInANewJvm(good, before);
    }

    @Test
    void a_forked_parser_is_reused_from_file_to_file_refused_ones_included() {
        Path a = Fixtures.writeUtf8(tmp, "a.txt", "First file for the same forked parser.");
        Path b = Fixtures.writeUtf8(tmp, "b.txt", "Second file for the same forked parser.");
        outcome(HOSTILE, a);
        Set<Long> first = forkedJvms();
        outcome(HOSTILE, b);
        assertEquals(
                RejectReason.CORRUPT,
                rejected(HOSTILE, Fixture.tika("testWORD_truncated.docx")).reason());
        assertEquals(
                RejectReason.ZIP_BOMB,
                rejected(HOSTILE, ZipBomb.docx(tmp.resolve("bomb.docx"), 64L << 20))
                        .reason());
        outcome(HOSTILE, a);

        assertEquals(first, forkedJvms());
    }

    @Test
    void a_docx_zip_bomb_is_refused_in_seconds_forked_and_in_process() {
        Path bomb = ZipBomb.docx(tmp.resolve("bomb.docx"), 1L << 30);
        for (Extractor extractor : List.of(FORKED, IN_PROCESS)) {
            long t0 = System.nanoTime();
            DocumentRejectedException e = rejected(extractor, bomb);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertEquals(RejectReason.ZIP_BOMB, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("word/document.xml inflates from"), e.getMessage());
            assertTrue(ms < 5_000, "refused after " + ms + " ms");
        }
    }

    @Test
    void closing_stops_the_forked_jvms() {
        Set<Long> before = forkedJvms();
        Extractor own = Extractors.forkedTika(
                ExtractionLimits.DEFAULTS, new ForkOptions(1, Duration.ofSeconds(30), 128L << 20));
        outcome(own, Fixtures.writeUtf8(tmp, "c.txt", "A file for a pool of its own."));
        Set<Long> started = forkedJvms();
        started.removeAll(before);
        assertEquals(1, started.size(), "one forked JVM started");

        own.close();

        long pid = started.iterator().next();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "forked JVM " + pid + " stopped");
        assertThrows(IngestException.class, () -> own.extract(Fixture.tika("testPDF.pdf"), "testPDF.pdf"));
    }

    private Path marker(String name) {
        return Fixtures.write(tmp, name, HostileParser.CONTENT);
    }

    private static DocumentRejectedException rejected(Extractor extractor, Path file) {
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> extractor.extract(file, file.getFileName().toString()));
        return assertInstanceOf(DocumentRejectedException.class, e, () -> "not a refusal: " + e);
    }

    private static void assertNextFileWorksInANewJvm(Path good, Set<Long> before) {
        List<ExtractedDocument> docs = HOSTILE.extract(good, good.getFileName().toString());
        assertEquals(IN_PROCESS.extract(good, good.getFileName().toString()), docs);
        Set<Long> after = forkedJvms();
        assertEquals(before.size(), after.size(), "as many forked JVMs as before");
        assertNotEquals(before, after, "the forked JVM was replaced");
    }

    /** The forked parser JVMs of this test JVM, alive now. */
    private static Set<Long> forkedJvms() {
        String marker = "-D" + ForkPool.MARKER + "=";
        return ProcessHandle.current()
                .children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> Stream.of(args).anyMatch(a -> a.startsWith(marker)))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}

package io.ragplatform.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's command line: bad input is a message and exit code 2, before any Spark context starts. */
class IngestJobArgumentsTest {
    @TempDir
    Path dir;

    private record Exit(int code, String err) {}

    private static Exit run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IngestJob.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Exit(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_missing_input_is_refused_with_the_usage_and_exit_code_2() {
        Exit exit = run("--warehouse", dir.toString());
        assertEquals(2, exit.code());
        assertTrue(exit.err().startsWith("error: --input is required"), exit.err());
        assertTrue(exit.err().contains("usage: IngestJob"), exit.err());
    }

    @Test
    void an_input_that_is_not_a_readable_directory_is_refused_with_exit_code_2() throws IOException {
        Exit missing = run("--input", dir.resolve("nowhere").toString(), "--warehouse", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nowhere: no such directory"), missing.err());

        Path file = Files.writeString(dir.resolve("a.txt"), "text");
        Exit notDirectory = run("--input", file.toString(), "--source", "s", "--warehouse", dir.toString());
        assertEquals(2, notDirectory.code());
        assertTrue(notDirectory.err().contains("a.txt: not a directory"), notDirectory.err());
    }

    @Test
    void bad_option_values_are_named() {
        assertEquals(2, run("--input", dir.toString(), "--partitions", "many").code());
        assertTrue(run("--input", dir.toString(), "--frobnicate", "1").err().contains("unknown option --frobnicate"));
        assertTrue(run("--input", dir.toString(), "--isolation", "thread").err().contains("--isolation"));
        assertTrue(run("--input", dir.toString(), "--ocr", "maybe").err().contains("--ocr"));
        assertTrue(run("--input", dir.toString(), "--input").err().contains("--input needs a value"));
        RagException e = assertThrows(RagException.class, () -> JobOptions.parse("--input", "/", "--acl", " "));
        assertEquals(ErrorCategory.INVALID_INPUT, e.category());
    }

    @Test
    void the_source_defaults_to_the_input_directory_name_and_the_rest_to_the_service_defaults() {
        JobOptions o = JobOptions.parse("--input", dir.resolve("handbook").toString() + "/");
        assertEquals("handbook", o.source());
        assertEquals("bge-small-en-v15-q", o.model());
        assertEquals("zh=bge-small-zh-v15-q", o.languageModels());
        assertEquals(List.of("public"), o.acl());
        assertEquals(JobOptions.IN_PROCESS, o.isolation());
        assertEquals(
                "corpus", JobOptions.parse("--input", "s3a://bucket/corpus/").source());
        assertTrue(JobOptions.parse("--input", "s3a://bucket/corpus").inputIsUri());
        assertEquals(
                "bad name!",
                assertThrows(RagException.class, () -> JobOptions.parse("--input", "/x/bad name!"))
                        .getMessage()
                        .replaceAll(".*was '([^']*)'.*", "$1"));
    }
}

package io.ragplatform.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ragplatform.spark.InputListing.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two listings (the service's DirectorySource, Hadoop's file system) name the same files the same way. */
class InputListingTest {
    @TempDir
    Path dir;

    @Test
    void a_directory_and_its_file_uri_list_the_same_source_ids_sizes_and_names() throws IOException {
        Path root = Files.createDirectories(dir.resolve("docs"));
        Files.createDirectories(root.resolve("b/c"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("z.txt"), "z", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("b/a file.md"), "# a", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("b/c/ü.txt"), "umlaut", StandardCharsets.UTF_8);
        Files.writeString(root.resolve(".hidden"), "no", StandardCharsets.UTF_8);
        Files.writeString(root.resolve(".git/config"), "no", StandardCharsets.UTF_8);

        List<InputFile> local = InputListing.list(root.toString(), "docs", new Configuration());
        List<InputFile> hadoop = InputListing.list(root.toUri().toString(), "docs", new Configuration());

        assertEquals(
                List.of("docs/b/a file.md", "docs/b/c/ü.txt", "docs/z.txt"),
                local.stream().map(InputFile::sourceId).toList());
        assertEquals(
                local.stream()
                        .map(f -> f.sourceId() + " " + f.fileName() + " " + f.size())
                        .toList(),
                hadoop.stream()
                        .map(f -> f.sourceId() + " " + f.fileName() + " " + f.size())
                        .toList());
        assertEquals(root.resolve("b/a file.md").toString(), local.getFirst().location());
    }
}

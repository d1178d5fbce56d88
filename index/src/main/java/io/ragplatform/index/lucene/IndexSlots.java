package io.ragplatform.index.lucene;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory that holds the index: one sub-directory (slot) per built index and an {@code ACTIVE} file naming the
 * one in service. A model change builds a new slot beside the active one and switches {@code ACTIVE} by an atomic
 * rename once it is complete, so that a crash at any moment leaves either the old index or the new one in service.
 */
final class IndexSlots {
    static final String ACTIVE = "ACTIVE";

    private IndexSlots() {}

    static String activeSlot(Path root) throws IOException {
        Path f = root.resolve(ACTIVE);
        if (!Files.exists(f)) {
            return null;
        }
        String name = Files.readString(f, StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? null : name;
    }

    static String newSlot(Path root, String modelId) {
        String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(safe.length() - 60);
        }
        String base = "index-" + safe + "-" + System.currentTimeMillis();
        String name = base;
        for (int i = 1; Files.exists(root.resolve(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** Points {@code ACTIVE} at the slot: write a temporary file, fsync it, rename it over the old one. */
    static void writeActive(Path root, String slot) throws IOException {
        Path tmp = root.resolve(ACTIVE + ".tmp");
        Files.writeString(tmp, slot + "\n", StandardCharsets.UTF_8);
        try (var ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, root.resolve(ACTIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A slot that is not active is a shadow a crash interrupted, or an index already replaced: both can go. */
    static void removeStaleSlots(Path root, String active) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(p)
                        && p.getFileName().toString().startsWith("index-")
                        && !p.getFileName().toString().equals(active)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

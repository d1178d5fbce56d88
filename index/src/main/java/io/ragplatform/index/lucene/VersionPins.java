package io.ragplatform.index.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Index versions held by someone (an evaluation run) beyond the retention policy: version -> holders, kept in a small
 * JSON file next to the index and replaced atomically on every change, so pins survive restarts and a crash leaves
 * either the old or the new set of pins. Thread-safe.
 */
final class VersionPins {
    static final String FILE = "pins.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final SortedMap<Long, TreeSet<String>> pins = new TreeMap<>();

    private VersionPins(Path file) {
        this.file = file;
    }

    /** The pins stored in {@code dir}, or none. */
    static VersionPins load(Path dir) {
        VersionPins p = new VersionPins(dir.resolve(FILE));
        if (Files.exists(p.file)) {
            try {
                Map<Long, List<String>> stored =
                        JSON.readValue(p.file.toFile(), new TypeReference<Map<Long, List<String>>>() {});
                stored.forEach((version, holders) -> p.pins.put(version, new TreeSet<>(holders)));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the index version pins " + p.file + " (delete it to release every pin)", e);
            }
        }
        return p;
    }

    synchronized boolean isPinned(long version) {
        return pins.containsKey(version);
    }

    synchronized List<String> holders(long version) {
        TreeSet<String> h = pins.get(version);
        return h == null ? List.of() : List.copyOf(h);
    }

    /** Adds a holder; true when it was not holding the version yet. */
    synchronized boolean pin(long version, String holder) {
        boolean added = pins.computeIfAbsent(version, v -> new TreeSet<>()).add(holder);
        if (added) {
            save();
        }
        return added;
    }

    /** Removes a holder from every version it holds; the versions it held, in order. */
    synchronized List<Long> release(String holder) {
        List<Long> released = new ArrayList<>();
        pins.entrySet().removeIf(e -> {
            if (e.getValue().remove(holder)) {
                released.add(e.getKey());
            }
            return e.getValue().isEmpty();
        });
        if (!released.isEmpty()) {
            save();
        }
        return released;
    }

    /** Removes every holder of these versions; the holders each version had (versions nobody held are absent). */
    synchronized SortedMap<Long, List<String>> releaseVersions(java.util.Collection<Long> versions) {
        SortedMap<Long, List<String>> released = new TreeMap<>();
        for (long v : versions) {
            TreeSet<String> holders = pins.remove(v);
            if (holders != null) {
                released.put(v, List.copyOf(holders));
            }
        }
        if (!released.isEmpty()) {
            save();
        }
        return released;
    }

    synchronized SortedMap<Long, List<String>> snapshot() {
        SortedMap<Long, List<String>> out = new TreeMap<>();
        pins.forEach((v, h) -> out.put(v, List.copyOf(h)));
        return Collections.unmodifiableSortedMap(out);
    }

    private void save() {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), snapshot());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index version pins " + file, e);
        }
    }
}

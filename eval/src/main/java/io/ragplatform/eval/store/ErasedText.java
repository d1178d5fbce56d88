package io.ragplatform.eval.store;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an erasure removes, as {@link EvalStore#erase} is given it: the erased documents' chunk and source IDs, and
 * their text (the canonical text of each erased chunk, in any language).
 *
 * <p>The IDs are never removed from the eval tables (they are what runs' numbers were computed from); they name the
 * runs that held erased chunks ({@link EvalStore#runsHolding}). The texts decide which text fields are replaced: see
 * {@link EvalStore#erase} for the rule.
 *
 * @param chunkIds the erased chunks' IDs, kept sorted
 * @param sourceIds the erased documents' source IDs, kept sorted
 * @param texts the erased chunks' canonical texts; blank ones are dropped
 */
public record ErasedText(SortedSet<String> chunkIds, SortedSet<String> sourceIds, List<String> texts) {
    public ErasedText {
        chunkIds = sorted(chunkIds, "chunkIds");
        sourceIds = sorted(sourceIds, "sourceIds");
        texts = Objects.requireNonNull(texts, "texts").stream()
                .map(text -> Objects.requireNonNull(text, "an erased text"))
                .filter(text -> !text.isBlank())
                .toList();
    }

    /** The erased documents of {@code sourceIds}, their chunks {@code chunkIds} and those chunks' {@code texts}. */
    public static ErasedText of(Set<String> chunkIds, Set<String> sourceIds, List<String> texts) {
        return new ErasedText(new TreeSet<>(chunkIds), new TreeSet<>(sourceIds), texts);
    }

    /** The chunk and source IDs together, sorted. */
    public SortedSet<String> ids() {
        TreeSet<String> ids = new TreeSet<>(chunkIds);
        ids.addAll(sourceIds);
        return Collections.unmodifiableSortedSet(ids);
    }

    private static SortedSet<String> sorted(Set<String> ids, String what) {
        TreeSet<String> copy = new TreeSet<>();
        for (String id : Objects.requireNonNull(ids, what)) {
            copy.add(Objects.requireNonNull(id, () -> "an ID of " + what));
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}

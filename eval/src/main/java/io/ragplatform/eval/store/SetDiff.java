package io.ragplatform.eval.store;

import java.util.List;

/**
 * The item IDs that differ between two versions of a set, each list sorted. An item is changed when its ID is in both
 * versions and any of its parts (query, judgments, answer, contexts) differs.
 *
 * @param added IDs in the second version only
 * @param removed IDs in the first version only
 * @param changed IDs in both, with different content
 */
public record SetDiff(List<String> added, List<String> removed, List<String> changed) {
    public SetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** Whether the two versions hold the same items. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}

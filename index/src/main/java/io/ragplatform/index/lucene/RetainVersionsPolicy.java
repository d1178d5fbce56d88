package io.ragplatform.index.lucene;

import io.ragplatform.index.Retention;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexDeletionPolicy;

/**
 * Keeps the commits {@link Retention} asks for, and pinned ones, so that older index versions stay searchable; deletes
 * the rest.
 * The newest commit is never deleted.
 */
final class RetainVersionsPolicy extends IndexDeletionPolicy {
    private final Retention retention;
    private final Clock clock;
    private final java.util.function.LongPredicate pinned;
    private final java.util.function.LongPredicate erased;

    RetainVersionsPolicy(Retention retention, Clock clock) {
        this(retention, clock, version -> false);
    }

    /** Also keeps every commit whose version {@code pinned} accepts. */
    RetainVersionsPolicy(Retention retention, Clock clock, java.util.function.LongPredicate pinned) {
        this(retention, clock, pinned, version -> false);
    }

    /** Also deletes every commit whose version {@code erased} accepts, pinned, recent or young: it holds erased text. */
    RetainVersionsPolicy(
            Retention retention,
            Clock clock,
            java.util.function.LongPredicate pinned,
            java.util.function.LongPredicate erased) {
        this.retention = retention;
        this.clock = clock;
        this.pinned = pinned;
        this.erased = erased;
    }

    @Override
    public void onInit(List<? extends IndexCommit> commits) {
        onCommit(commits);
    }

    @Override
    public void onCommit(List<? extends IndexCommit> commits) {
        // commits are ordered oldest first
        Instant now = clock.instant();
        int n = commits.size();
        for (int i = 0; i < n - 1; i++) {
            IndexCommit c = commits.get(i);
            boolean recent = n - 1 - i < retention.versions();
            boolean young = false;
            boolean held = false;
            boolean doomed = false;
            try {
                CommitManifest m = CommitManifest.of(c);
                young = m.committedAt() != null
                        && !Instant.parse(m.committedAt()).plus(retention.age()).isBefore(now);
                held = m.versioned() && pinned.test(m.version());
                doomed = m.versioned() && erased.test(m.version());
            } catch (java.io.IOException | RuntimeException e) {
                // unreadable commit data: not a version worth keeping
            }
            if (doomed || (!recent && !young && !held)) {
                c.delete();
            }
        }
    }
}

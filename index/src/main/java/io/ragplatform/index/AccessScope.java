package io.ragplatform.index;

import io.ragplatform.error.RagException;
import io.ragplatform.ingest.Acl;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who is reading: which documents a read may see. {@link #ALL} (an admin, or a service without authentication) sees
 * every document; {@link #groups} sees the documents whose acl contains {@value Acl#PUBLIC} or one of its groups.
 * Every read path of a {@link RagIndex} takes one, and applies it inside the query, before ranking: a document the
 * scope cannot see answers like a missing one, and never takes a result's place.
 *
 * <p>Immutable and deterministic: the groups are a sorted copy.
 *
 * @param all whether the scope sees every document (then {@code groups} is empty)
 * @param groups the reader's groups, sorted (without {@code all}: the reader sees public documents and those of these
 *     groups; none: public documents only)
 */
public record AccessScope(boolean all, SortedSet<String> groups) {
    /** Sees every document: an admin, or a service without authentication. */
    public static final AccessScope ALL = new AccessScope(true, Collections.emptySortedSet());

    /**
     * @throws IllegalArgumentException when {@code all} comes with groups
     * @throws RagException ({@code invalid_request}) when a group is blank
     */
    public AccessScope {
        Objects.requireNonNull(groups, "groups");
        TreeSet<String> copy = new TreeSet<>();
        for (String g : groups) {
            RagException.check(g != null && !g.isBlank(), "invalid_request", "a reader's group must not be blank");
            copy.add(g.strip());
        }
        if (all && !copy.isEmpty()) {
            throw new IllegalArgumentException("a scope that sees everything names no groups");
        }
        groups = Collections.unmodifiableSortedSet(copy);
    }

    /** A reader in these groups (maybe none: then public documents only). */
    public static AccessScope groups(Set<String> groups) {
        return new AccessScope(false, new TreeSet<>(Objects.requireNonNull(groups, "groups")));
    }

    /** Whether this scope may read a document with this acl: always for {@link #ALL}, else when they share a group. */
    public boolean canRead(List<String> acl) {
        if (all) {
            return true;
        }
        if (acl == null || acl.isEmpty()) {
            // a record without an acl predates them, and was public
            return true;
        }
        for (String g : acl) {
            if (Acl.PUBLIC.equals(g) || groups.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this scope may read the document. */
    public boolean canRead(DocumentRecord document) {
        return canRead(document.acl());
    }

    /**
     * Whether this scope may read everything {@code other} may: {@link #ALL} covers every scope; a reader covers a
     * reader whose groups are among its own. What a read under {@code other} produced (an evaluation run's results,
     * say) may be shown to this scope.
     */
    public boolean covers(AccessScope other) {
        return all || (!other.all && groups.containsAll(other.groups));
    }

    @Override
    public String toString() {
        return all ? "AccessScope[ALL]" : "AccessScope" + groups;
    }
}

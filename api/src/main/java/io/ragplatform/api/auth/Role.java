package io.ragplatform.api.auth;

import io.ragplatform.error.RagException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a key may do, each role including the ones before it: a {@link #READER} searches and reads; a {@link #WRITER}
 * also uploads, deletes, syncs, creates eval sets, runs and imports; an {@link #ADMIN} may do everything.
 */
public enum Role {
    READER,
    WRITER,
    ADMIN;

    /** The role names as {@code @RolesAllowed} takes them (an annotation needs constants). */
    public static final class Names {
        public static final String READER = "reader";
        public static final String WRITER = "writer";
        public static final String ADMIN = "admin";

        private Names() {}
    }

    /** The configured and JSON form: {@code reader}, {@code writer}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code other} may. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** This role's name and those of the roles it includes: the roles of a caller's security identity. */
    public List<String> granted() {
        return Arrays.stream(values()).filter(this::includes).map(Role::id).toList();
    }

    /** The role of that name ({@code reader}, {@code writer} or {@code admin}, any case). */
    public static Role parse(String name) {
        return RagException.parseName(
                Role.class, name, "invalid_role", "a role is reader, writer or admin; was '" + name + "'");
    }
}

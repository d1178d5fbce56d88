package io.ragplatform.api.auth;

import io.ragplatform.index.AccessScope;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request: the name of its API key (never the key), its role and its groups. With authentication off
 * every request is {@link #ANONYMOUS}, an admin. What a caller may read of the documents follows from {@link #admin()}
 * (everything) and otherwise its {@link #groups()}.
 *
 * @param name the key's configured name; what the audit log and job ownership record
 * @param role what the caller may do
 * @param groups the groups whose documents the caller may read, besides public ones; empty for none
 */
public record Caller(String name, Role role, Set<String> groups) {
    /** Every caller while no key is configured: an admin without groups. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.ADMIN, Set.of());

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        groups = Set.copyOf(groups);
    }

    /** An admin reads every document whatever its groups. */
    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** What the caller may read of the documents: everything for an admin, else public ones and its groups'. */
    public AccessScope scope() {
        return admin() ? AccessScope.ALL : AccessScope.groups(groups);
    }

    /** Whether the caller may do what {@code needed} may. */
    public boolean may(Role needed) {
        return role.includes(needed);
    }
}

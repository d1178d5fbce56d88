package io.ragplatform.ingest;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A document's access control list: the groups whose members may read it, or {@link #PUBLIC} for everyone. A value is
 * always normalized: group names trimmed, each once, sorted ({@link String#compareTo}), never empty; so two lists that
 * name the same groups are equal and the stored form does not depend on the order a caller gave them in. Every
 * document of an upload (attachments, messages of a mailbox) carries its file's acl.
 *
 * <p>The acl is not part of any content or metadata hash: chunk IDs, document IDs and hashes stay what they were;
 * a change of the acl alone is a metadata change of the documents (see the index's upsert).
 */
public final class Acl {
    /** The group every reader is in. */
    public static final String PUBLIC = "public";
    /** The acl of a document everyone may read (and of every document stored before acls existed). */
    public static final List<String> PUBLIC_ONLY = List.of(PUBLIC);
    /** Most groups one acl may name. */
    public static final int MAX_GROUPS = 64;
    /** Longest group name, in characters. */
    public static final int MAX_GROUP_LENGTH = 256;

    private Acl() {}

    /**
     * The normalized acl of {@code groups}.
     *
     * @throws DocumentRejectedException ({@code invalid_request}) when {@code groups} is null or empty, names more than
     *     {@value #MAX_GROUPS} groups, or a group that is blank, longer than {@value #MAX_GROUP_LENGTH} characters or
     *     contains control characters
     */
    public static List<String> of(Collection<String> groups) {
        if (groups == null || groups.isEmpty()) {
            throw invalid("acl must name at least one group, or \"" + PUBLIC + "\" for everyone");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String g : groups) {
            if (g == null || g.isBlank()) {
                throw invalid("acl group names must not be blank");
            }
            String name = g.strip();
            if (name.length() > MAX_GROUP_LENGTH) {
                throw invalid("acl group '" + name.substring(0, 32) + "…' is " + name.length()
                        + " characters; the limit is " + MAX_GROUP_LENGTH);
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw invalid("acl group names must not contain control characters");
            }
            out.add(name);
        }
        if (out.size() > MAX_GROUPS) {
            throw invalid("acl names " + out.size() + " groups; the limit is " + MAX_GROUPS);
        }
        return List.copyOf(out);
    }

    /**
     * The acl of a stored record, read leniently: null or empty (a record stored before acls existed) is
     * {@link #PUBLIC_ONLY}; otherwise trimmed, distinct and sorted, without the limits of {@link #of}.
     */
    public static List<String> stored(Collection<String> groups) {
        if (groups == null || groups.isEmpty()) {
            return PUBLIC_ONLY;
        }
        TreeSet<String> out = new TreeSet<>();
        for (String g : groups) {
            if (g != null && !g.isBlank()) {
                out.add(g.strip());
            }
        }
        return out.isEmpty() ? PUBLIC_ONLY : List.copyOf(out);
    }

    /** Whether everyone may read a document with this (normalized) acl. */
    public static boolean isPublic(List<String> acl) {
        return acl.contains(PUBLIC);
    }

    private static DocumentRejectedException invalid(String message) {
        return new DocumentRejectedException(RejectReason.INVALID_REQUEST, message);
    }
}

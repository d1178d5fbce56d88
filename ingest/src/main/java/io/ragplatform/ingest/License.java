package io.ragplatform.ingest;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A document's licence tag: an identifier such as an SPDX one ({@code cc-by-4.0}, {@code mit}, {@code proprietary}),
 * or {@link #UNKNOWN}. A value is always normalized: trimmed and lower-cased ({@link Locale#ROOT}), so that
 * {@code CC-BY-4.0} and {@code cc-by-4.0} are one licence. Every document of an upload carries its file's licence. Like
 * the acl it is part of no hash.
 */
public final class License {
    /** The licence of a document nobody tagged (and of every document stored before licences existed). */
    public static final String UNKNOWN = "unknown";
    /** The metadata key of an upload that names its licence. */
    public static final String METADATA_KEY = "license";
    /** Longest licence identifier, in characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.+_-]*");

    private License() {}

    /**
     * The normalized licence {@code id}.
     *
     * @throws DocumentRejectedException ({@code invalid_request}) when it is blank, longer than {@value #MAX_LENGTH}
     *     characters, or holds other characters than letters, digits and {@code . + _ -}
     */
    public static String of(String id) {
        if (id == null || id.isBlank()) {
            throw invalid("a licence must not be blank; leave it out for the default");
        }
        String norm = id.strip().toLowerCase(Locale.ROOT);
        if (norm.length() > MAX_LENGTH) {
            throw invalid("licence '" + norm.substring(0, 32) + "…' is " + norm.length() + " characters; the limit is "
                    + MAX_LENGTH);
        }
        if (!ID.matcher(norm).matches()) {
            throw invalid("licence '" + norm
                    + "' is not an identifier (letters, digits and . + _ -, as in cc-by-4.0 or mit)");
        }
        return norm;
    }

    /** The licence of a stored record, read leniently: null or blank (stored before licences existed) is unknown. */
    public static String stored(String id) {
        return id == null || id.isBlank() ? UNKNOWN : id.strip().toLowerCase(Locale.ROOT);
    }

    /** The normalized set of these identifiers (each by {@link #of}). */
    public static Set<String> setOf(Collection<String> ids) {
        Set<String> out = new TreeSet<>();
        ids.forEach(id -> out.add(of(id)));
        return Set.copyOf(out);
    }

    private static DocumentRejectedException invalid(String message) {
        return new DocumentRejectedException(RejectReason.INVALID_REQUEST, message);
    }
}

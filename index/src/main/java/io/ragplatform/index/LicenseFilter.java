package io.ragplatform.index;

import io.ragplatform.error.RagException;
import io.ragplatform.ingest.DocumentRejectedException;
import io.ragplatform.ingest.License;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which licences a search, an eval run or an adapter keeps: a document matches when its licence is one of {@code
 * include} (none given: any) and none of {@code exclude}. Values are normalized ({@link License#of}), so {@code
 * CC-BY-4.0} and {@code cc-by-4.0} are one.
 *
 * @param include the licences kept (empty: every licence not excluded)
 * @param exclude the licences left out
 */
public record LicenseFilter(Set<String> include, Set<String> exclude) {
    /** Every licence. */
    public static final LicenseFilter ANY = new LicenseFilter(Set.of(), Set.of());

    public LicenseFilter {
        include = Set.copyOf(new TreeSet<>(include));
        exclude = Set.copyOf(new TreeSet<>(exclude));
    }

    /**
     * The filter written as {@code license=} values: each a licence, or {@code !licence} to leave it out, several
     * per value separated by commas ({@code mit,cc-by-4.0}, {@code !proprietary}). No value, or none but blanks: {@link
     * #ANY}.
     *
     * @throws RagException ({@code invalid_request}) naming a value that is not a licence identifier
     */
    public static LicenseFilter parse(Collection<String> values) {
        Set<String> include = new TreeSet<>();
        Set<String> exclude = new TreeSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value == null ? new String[0] : value.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                boolean not = p.startsWith("!");
                String id = not ? p.substring(1) : p;
                try {
                    (not ? exclude : include).add(License.of(id));
                } catch (DocumentRejectedException e) {
                    throw RagException.invalid("invalid_request", "license filter: " + e.getMessage());
                }
            }
        }
        return include.isEmpty() && exclude.isEmpty() ? ANY : new LicenseFilter(include, exclude);
    }

    /** Whether every licence matches. */
    public boolean isAny() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Whether a document of this licence matches. */
    public boolean allows(String license) {
        return (include.isEmpty() || include.contains(license)) && !exclude.contains(license);
    }

    /** The licences among {@code known} (those in the index) that match, plus the included ones, sorted. */
    public List<String> allowedAmong(Collection<String> known) {
        Set<String> out = new TreeSet<>(include.isEmpty() ? known : include);
        out.removeIf(l -> !allows(l));
        return new ArrayList<>(out);
    }

    /** The filter as {@link #parse} reads it: included licences, then excluded ones with {@code !}; "" for any. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(new TreeSet<>(include));
        new TreeSet<>(exclude).forEach(l -> parts.add("!" + l));
        return String.join(",", parts);
    }
}

package io.ragplatform.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which licence a file's documents get, and which licences keep a file out of the index.
 *
 * @param defaultLicense the licence of a file whose upload names none (normalized by {@link License#of})
 * @param denied licences whose files are refused ({@link RejectReason#LICENSE_DENIED}), normalized
 */
public record LicensePolicy(String defaultLicense, Set<String> denied) {
    /** Files without a licence are {@link License#UNKNOWN}; no licence is denied. */
    public static final LicensePolicy DEFAULT = new LicensePolicy(License.UNKNOWN, Set.of());

    public LicensePolicy {
        defaultLicense = License.of(Objects.requireNonNull(defaultLicense, "defaultLicense"));
        denied = License.setOf(denied);
    }

    /**
     * The licence of a file: its metadata's {@value License#METADATA_KEY}, else {@code sourceLicense} (null: none),
     * else the default.
     *
     * @throws DocumentRejectedException {@code invalid_request} for a malformed licence, {@code license_denied} for a
     *     denied one (naming it)
     */
    public String resolve(Map<String, String> metadata, String sourceLicense, String shownName) {
        String given = metadata == null ? null : metadata.get(License.METADATA_KEY);
        String license =
                given != null ? License.of(given) : sourceLicense != null ? License.of(sourceLicense) : defaultLicense;
        if (denied.contains(license)) {
            throw new DocumentRejectedException(
                    RejectReason.LICENSE_DENIED,
                    shownName + " is licensed " + license + ", which this service does not index (denied: "
                            + String.join(", ", new TreeSet<>(denied)) + ")");
        }
        return license;
    }
}

package io.ragplatform.index;

import io.ragplatform.error.RagException;
import java.util.List;
import java.util.Objects;

/**
 * Which chunks a search may return: those occurring in at least one document that matches every given field and that
 * the {@link AccessScope} may read. A null field does not filter; {@link #NONE} (all null, {@link AccessScope#ALL})
 * returns any chunk. Filters hold per document, not per chunk: a chunk shared by an English document of source
 * {@code a} and a German one of source {@code b} matches {@code (a, any, "en")} but not {@code (a, any, "de")}; a chunk
 * shared by a public document of source {@code a} and a finance-only one of source {@code b} matches
 * {@code (b, any, any)} for a finance reader but not for an eng one. A hit lists only its occurrences in matching
 * documents the scope may read.
 *
 * <p>The one value a filter travels as, from the REST edge or a LangChain4j adapter down to the index, access scope
 * included; the Lucene index turns it into a query in one place, applied before ranking (so {@code k} results are k
 * visible results). Immutable: {@link #withAccess} returns a new filter.
 *
 * @param sourceId only chunks occurring in this source (null: any)
 * @param contentType only chunks occurring in documents of this media type (null: any)
 * @param language only chunks occurring in documents of this language (null: any)
 * @param licenses only chunks occurring in documents whose licence it allows ({@link LicenseFilter#ANY}: any)
 * @param access who is reading: only chunks occurring in documents it may read
 */
public record SearchFilter(
        String sourceId, String contentType, String language, LicenseFilter licenses, AccessScope access) {
    /** No filter and unrestricted access ({@link AccessScope#ALL}, an admin's): every chunk. */
    public static final SearchFilter NONE = new SearchFilter(null, null, null, LicenseFilter.ANY, AccessScope.ALL);

    /** @throws RagException ({@code invalid_request}) when a given field is blank: leave it null to match any value */
    public SearchFilter {
        requireNullOrNonBlank("sourceId", sourceId);
        requireNullOrNonBlank("contentType", contentType);
        requireNullOrNonBlank("language", language);
        Objects.requireNonNull(licenses, "licenses");
        Objects.requireNonNull(access, "access");
    }

    /** A filter of any licence. */
    public SearchFilter(String sourceId, String contentType, String language, AccessScope access) {
        this(sourceId, contentType, language, LicenseFilter.ANY, access);
    }

    /** Only chunks of this source, unrestricted ({@link AccessScope#ALL}; narrow it with {@link #withAccess}). */
    public static SearchFilter source(String sourceId) {
        return new SearchFilter(sourceId, null, null, LicenseFilter.ANY, AccessScope.ALL);
    }

    /** No field filter, only what {@code access} may read. */
    public static SearchFilter readableBy(AccessScope access) {
        return NONE.withAccess(access);
    }

    /** This filter with another access scope. */
    public SearchFilter withAccess(AccessScope access) {
        return new SearchFilter(sourceId, contentType, language, licenses, access);
    }

    /** This filter with another licence filter. */
    public SearchFilter withLicenses(LicenseFilter licenses) {
        return new SearchFilter(sourceId, contentType, language, licenses, access);
    }

    /** Whether no field filters and the access is unrestricted: every chunk matches. */
    public boolean isEmpty() {
        return sourceId == null && contentType == null && language == null && licenses.isAny() && access.all();
    }

    /** Whether a document with these values matches every given field and the access scope may read it. */
    public boolean matches(
            String documentSourceId,
            String documentContentType,
            String documentLanguage,
            String documentLicense,
            List<String> documentAcl) {
        return (sourceId == null || sourceId.equals(documentSourceId))
                && (contentType == null || contentType.equals(documentContentType))
                && (language == null || language.equals(documentLanguage))
                && licenses.allows(documentLicense)
                && access.canRead(documentAcl);
    }

    /** Whether the document matches every given field and the access scope may read it. */
    public boolean matches(DocumentRecord document) {
        return matches(
                document.sourceId(), document.contentType(), document.language(), document.license(), document.acl());
    }

    private static void requireNullOrNonBlank(String field, String value) {
        RagException.check(
                value == null || !value.isBlank(),
                "invalid_request",
                field + " must not be blank; leave it out to match any " + field);
    }
}

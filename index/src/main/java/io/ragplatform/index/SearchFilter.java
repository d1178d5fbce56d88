package io.ragplatform.index;

import io.ragplatform.error.RagException;

/**
 * Which chunks a search may return: those occurring in at least one document that matches every given field. A null
 * field does not filter; {@link #NONE} (all null) returns any chunk. Filters hold per document, not per chunk: a chunk
 * shared by an English document of source {@code a} and a German one of source {@code b} matches
 * {@code (a, any, "en")} but not {@code (a, any, "de")}. A hit lists only its occurrences in matching documents.
 *
 * <p>The one value a filter travels as, from the REST edge or a LangChain4j adapter down to the index; the Lucene
 * index turns it into a query in one place. Immutable.
 *
 * @param sourceId only chunks occurring in this source (null: any)
 * @param contentType only chunks occurring in documents of this media type (null: any)
 * @param language only chunks occurring in documents of this language (null: any)
 */
public record SearchFilter(String sourceId, String contentType, String language) {
    /** No filter: every chunk. */
    public static final SearchFilter NONE = new SearchFilter(null, null, null);

    /** @throws RagException ({@code invalid_request}) when a given field is blank: leave it null to match any value */
    public SearchFilter {
        requireNullOrNonBlank("sourceId", sourceId);
        requireNullOrNonBlank("contentType", contentType);
        requireNullOrNonBlank("language", language);
    }

    /** Only chunks of this source. */
    public static SearchFilter source(String sourceId) {
        return new SearchFilter(sourceId, null, null);
    }

    /** Whether no field filters. */
    public boolean isEmpty() {
        return sourceId == null && contentType == null && language == null;
    }

    /** Whether a document with these values matches every given field. */
    public boolean matches(String documentSourceId, String documentContentType, String documentLanguage) {
        return (sourceId == null || sourceId.equals(documentSourceId))
                && (contentType == null || contentType.equals(documentContentType))
                && (language == null || language.equals(documentLanguage));
    }

    /** Whether the document matches every given field. */
    public boolean matches(DocumentRecord document) {
        return matches(document.sourceId(), document.contentType(), document.language());
    }

    private static void requireNullOrNonBlank(String field, String value) {
        RagException.check(
                value == null || !value.isBlank(),
                "invalid_request",
                field + " must not be blank; leave it out to match any " + field);
    }
}

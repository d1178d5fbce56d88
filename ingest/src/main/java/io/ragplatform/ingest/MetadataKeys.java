package io.ragplatform.ingest;

/** The metadata keys an {@link Extractor} fills when the format carries them. */
public final class MetadataKeys {
    public static final String TITLE = "title";
    public static final String AUTHOR = "author";
    public static final String CREATED = "created";
    public static final String MODIFIED = "modified";
    public static final String PAGES = "pages";
    public static final String FILE_NAME = "fileName";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String MESSAGE_ID = "messageId";
    public static final String CHARSET = "charset";
    /** Set when OCR read some of the text: the pages it read, comma-separated ({@code 1} for an image file). */
    public static final String OCR_PAGES = "ocrPages";

    private MetadataKeys() {}
}

package io.ragplatform.eval.report;

import java.util.Objects;

/**
 * Where a rendered report links chunk and source IDs to. The renderers escape what these return for their format;
 * implementations return plain URLs with the ID already encoded for its place in the URL.
 */
public interface ReportLinks {
    /** The URL of a chunk. */
    String chunk(String chunkId);

    /** The URL of a source's documents. */
    String source(String sourceId);

    /** The API's own routes at the server root: {@code /v1/chunks/{id}} and {@code /v1/documents?sourceId={id}}. */
    static ReportLinks api() {
        return api("");
    }

    /**
     * The API's routes under a base path or URL: {@code {base}/v1/chunks/{id}} and
     * {@code {base}/v1/documents?sourceId={id}}, the IDs percent-encoded (UTF-8, everything but the unreserved
     * characters of RFC 3986).
     *
     * @param basePath e.g. {@code ""}, {@code "/rag"} or {@code "http://host:8080"}; a trailing slash is dropped
     */
    static ReportLinks api(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return new ReportLinks() {
            @Override
            public String chunk(String chunkId) {
                // "." and ".." would be read as dot segments of the path
                String segment = chunkId.equals(".") || chunkId.equals("..")
                        ? chunkId.replace(".", "%2E")
                        : Fmt.percentEncode(chunkId);
                return base + "/v1/chunks/" + segment;
            }

            @Override
            public String source(String sourceId) {
                return base + "/v1/documents?sourceId=" + Fmt.percentEncode(sourceId);
            }
        };
    }
}

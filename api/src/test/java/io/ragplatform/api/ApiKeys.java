package io.ragplatform.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The service with API keys configured, as {@link AuthApiTest} and {@link AccessControlApiTest} run it: three keys in
 * rag.auth.api-keys (a reader, a writer and an admin, without groups), three more with groups in a keys file (an eng
 * reader, a finance reader, an eng writer).
 */
public class ApiKeys implements QuarkusTestProfile {
    static final String READER = "reader-key-0b1d";
    static final String WRITER = "writer-key-77c2";
    static final String ADMIN = "admin-key-4e9a";
    static final String ENG = "eng-reader-key-aa01";
    static final String FINANCE = "finance-reader-key-bb02";
    static final String ENG_WRITER = "eng-writer-key-cc03";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path file = Files.createTempFile("rag-test-keys-", ".txt");
            Files.writeString(
                    file,
                    "# readers with groups\n" + sha256(ENG) + ":reader:eng-reader:eng\n" + sha256(FINANCE)
                            + ":reader:finance-reader:finance|staff\n" + sha256(ENG_WRITER)
                            + ":writer:eng-writer:eng\n");
            return Map.of(
                    "rag.auth.api-keys",
                    sha256(READER) + ":reader:reader-1," + sha256(WRITER) + ":writer:writer-1," + sha256(ADMIN)
                            + ":admin:admin-1",
                    "rag.auth.keys-file",
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the service is configured with for a key: its SHA-256 digest in hex. */
    static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that sends {@code key}. */
    static RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }
}

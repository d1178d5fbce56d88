package io.ragplatform.ingest.pii;

import static io.ragplatform.ingest.pii.Recognized.finds;
import static io.ragplatform.ingest.pii.Recognized.findsAlone;
import static io.ragplatform.ingest.pii.Recognized.none;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tokens are put together from parts, so that no secret scanner takes this file for a leak. */
class SecretTest {
    static final String AWS = "AKIA" + "IOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n"
            + "aFDrBz9vFqU4yXbT0Ym1KkV3o2K8BnKxOMUdrYp3Hx2fw==\n"
            + "-----END RSA PRIVATE KEY-----";

    static Stream<String> tokens() {
        return Stream.of(
                AWS,
                "AS" + "IA" + "Y3FDSNDKFKSIDJSA",
                "AI" + "za" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
                "gh" + "p_" + "a".repeat(20) + "B1".repeat(8),
                "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU",
                "xo" + "xb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                JWT,
                PEM,
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                        + "-----END OPENSSH PRIVATE KEY-----",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0wN5wBCADJ\n-----END PGP PRIVATE KEY BLOCK-----");
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void secrets_are_found(String token) {
        findsAlone(PiiType.SECRET, token);
    }

    @Test
    void the_word_bearer_stays_and_its_token_goes() {
        finds(PiiType.SECRET, "abc123def456ghi789jkl", "Authorization: Bearer abc123def456ghi789jkl");
        finds(PiiType.SECRET, "mF_9.B5f-4.1JqM/x=", "authorization: bearer\tmF_9.B5f-4.1JqM/x=");
        assertEquals(
                "Authorization: Bearer [SECRET]",
                Redactor.standard().redact("Authorization: Bearer abc123def456ghi789jkl"));
    }

    @Test
    void a_bearer_jwt_is_one_secret() {
        assertEquals("Authorization: Bearer [SECRET]", Redactor.standard().redact("Authorization: Bearer " + JWT));
    }

    @Test
    void a_key_cut_by_a_block_boundary_is_redacted_on_both_sides() {
        String first = "key:\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED";
        String second =
                "MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\nAbC3Zm9v==\n-----END ENCRYPTED PRIVATE KEY-----";
        assertEquals("key:\n[SECRET]", Redactor.standard().redact(first));
        assertEquals("[SECRET]", Redactor.standard().redact(second));
        assertEquals("see below [SECRET]", Redactor.standard().redact("see below " + second));
    }

    @Test
    void an_email_inside_a_key_block_is_part_of_the_secret() {
        String text = PEM.replace("Hx2fw==", "Hx2fw==\nalice@example.com");
        assertEquals(List.of("SECRET:" + text), Recognized.found(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer tokens and JWTs are secrets",
                "Authorization: Bearer <token>",
                "the bearer of this letter, abcdefghijklmnopqrstuvwxyz",
                "SGVsbG8gd29ybGQ=",
                "dGhpcyBpcyBhbiBvcmRpbmFyeSBiYXNlNjQgc3RyaW5nIG9mIHRleHQ=",
                "123e4567-e89b-12d3-a456-426614174000",
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "AKIA is the prefix of AWS key IDs",
                "AKIAIOSFODNN7EXAMPL",
                "ghp_short",
                "eyJ is how a JWT starts",
                "eyJhbGciOiJIUzI1NiJ9.notbase64!.x",
                "eyJhbGciOiJIUzI1NiJ9x.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
                "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUF\n-----END CERTIFICATE-----",
                "xoxo-hugs-and-kisses"
            })
    void what_only_looks_like_a_secret_stays(String text) {
        none(text);
    }
}

package io.ragplatform.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.fixtures.PiiMemo;
import io.ragplatform.ingest.pii.PiiMode;
import io.ragplatform.ingest.pii.PiiPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redaction as a step of preparation: before chunking and hashing, per source, counted on the document. */
class PiiPreparationTest {
    private static final List<String> RAW = PiiMemo.VALUES;
    private static final List<String> KEPT = PiiMemo.REFERENCES;

    private static DocumentPreparer plain;
    private static DocumentPreparer redacting;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        plain = Fixtures.englishPreparer(200);
        redacting = plain.withPii(new PiiPolicy(PiiMode.REDACT, Map.of("audit", PiiMode.FLAG, "raw", PiiMode.OFF)));
    }

    private static String text(PreparedUpload upload) {
        return upload.documents().stream()
                .flatMap(d -> d.chunks().stream())
                .map(Chunk::text)
                .collect(Collectors.joining("\n"));
    }

    private static PreparedUpload prepare(DocumentPreparer p, Path file, String sourceId) {
        return p.prepare(file, file.getFileName().toString(), sourceId, Map.of(), Acl.PUBLIC_ONLY);
    }

    @Test
    void every_value_is_a_placeholder_before_chunking_and_the_references_stay() {
        PreparedUpload upload = prepare(redacting, Fixture.path(PiiMemo.NAME), "uploads/memo.txt");
        String text = text(upload);
        RAW.forEach(raw -> assertFalse(text.contains(raw), raw + " in " + text));
        KEPT.forEach(kept -> assertTrue(text.contains(kept), kept + " not in " + text));
        for (String placeholder : List.of("[EMAIL]", "[PHONE]", "[IBAN]", "[CARD]", "[IP]", "[SECRET]")) {
            assertTrue(text.contains(placeholder), placeholder);
        }
        assertEquals(
                Map.of("card", 1, "email", 1, "iban", 1, "ip", 2, "phone", 1, "secret", 1),
                upload.root().pii());
        assertTrue(upload.pipeline().endsWith("/pii-2-redact"), upload.pipeline());
    }

    @Test
    void documents_that_differ_only_in_redacted_values_share_their_chunks() throws Exception {
        String memo = Files.readString(Fixture.path(PiiMemo.NAME), StandardCharsets.UTF_8);
        Path other = Files.writeString(
                tmp.resolve("other.txt"),
                memo.replace("dana.whitfield@", "lee.park@").replace("10.24.7.19", "10.99.1.2"),
                StandardCharsets.UTF_8);
        PreparedUpload a = prepare(redacting, Fixture.path(PiiMemo.NAME), "uploads/a.txt");
        PreparedUpload b = prepare(redacting, other, "uploads/b.txt");
        assertEquals(a.root().contentHash(), b.root().contentHash());
        assertEquals(
                a.root().chunks().stream().map(Chunk::id).toList(),
                b.root().chunks().stream().map(Chunk::id).toList());
        PreparedUpload rawA = prepare(plain, Fixture.path(PiiMemo.NAME), "uploads/a.txt");
        PreparedUpload rawB = prepare(plain, other, "uploads/b.txt");
        assertNotEquals(rawA.root().contentHash(), rawB.root().contentHash(), "premise: the raw texts differ");
    }

    @Test
    void a_source_may_flag_only_or_keep_the_text_and_its_mode_is_in_its_pipeline() {
        Path memo = Fixture.path(PiiMemo.NAME);
        PreparedUpload flagged = prepare(redacting, memo, "audit/memo.txt");
        assertTrue(text(flagged).contains(RAW.get(0)), "flag leaves the text");
        assertEquals(
                7,
                flagged.root().pii().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());
        assertTrue(flagged.pipeline().endsWith("/pii-2-flag"), flagged.pipeline());
        PreparedUpload off = prepare(redacting, memo, "raw/memo.txt");
        assertTrue(text(off).contains(RAW.get(0)));
        assertTrue(off.root().pii().isEmpty());
        assertEquals(plain.pipelineVersion(), off.pipeline(), "off: the pipeline of a preparer without redaction");
        assertEquals(
                plain.pipelineVersion(),
                prepare(plain, memo, "uploads/memo.txt").pipeline());
    }

    @Test
    void an_e_mails_sender_and_recipients_are_redacted_in_its_properties() throws Exception {
        String eml = String.join(
                "\r\n",
                "From: Dana Whitfield <dana.whitfield@contoso-vendors.example>",
                "To: desk@contoso-vendors.example",
                "Subject: Onboarding",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "The onboarding call is on Monday.",
                "");
        Path file = Files.writeString(tmp.resolve("m.eml"), eml, StandardCharsets.UTF_8);
        PreparedDocument root = prepare(redacting, file, "uploads/m.eml").root();
        String properties = root.properties().toString();
        assertFalse(properties.contains("@contoso-vendors.example"), properties);
        assertTrue(properties.contains("[EMAIL]"), properties);
        assertEquals(Map.of("email", 3), root.pii(), "author, from and to: each counted where it is stored");
    }

    @Test
    void full_width_digits_and_at_signs_are_ascii_before_redaction() throws Exception {
        // the canonical text folds ０-９ and ＠ (NFKC) but keeps Chinese full-width punctuation (（ ）：，．); the
        // recognisers match a folded view of it, one character for one, so the spans fall on the canonical text
        String memo = "联系方式\n\n手机：＋８６ １３９ １２３４ ５６７８，电话：（０１０）６５５２ ９９８８，"
                + "邮箱：ｗａｎｇ．ｆａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ，身份证号：４４０３０４２００００２２９１２３６。\n";
        Path file = Files.writeString(tmp.resolve("zh.txt"), memo, StandardCharsets.UTF_8);
        PreparedUpload upload = prepare(redacting, file, "uploads/zh.txt");
        String text = text(upload);
        assertEquals("联系方式\n\n手机：[PHONE]，电话：[PHONE]，邮箱：[EMAIL]，身份证号：[ID]。", text);
        assertEquals(
                Map.of("email", 1, "id_number", 1, "phone", 2), upload.root().pii());
    }
}

package io.ragplatform.ingest.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.ingest.BlockKind;
import io.ragplatform.ingest.CanonicalBlock;
import io.ragplatform.ingest.CanonicalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final Redactor REDACTOR = Redactor.standard();

    /** Values of every type, each recognised alone, and the placeholder each becomes. */
    private static final List<String[]> VALUES = List.of(
            new String[] {"alice@example.com", "[EMAIL]"},
            new String[] {"bob.smith+ops@mail.example.org", "[EMAIL]"},
            new String[] {"+44 20 7946 0958", "[PHONE]"},
            new String[] {"(555) 123-4567", "[PHONE]"},
            new String[] {"13800138000", "[PHONE]"},
            new String[] {"4111 1111 1111 1111", "[CARD]"},
            new String[] {"DE89 3704 0044 0532 0130 00", "[IBAN]"},
            new String[] {"192.168.10.7", "[IP]"},
            new String[] {"2001:db8::1", "[IP]"},
            new String[] {SecretTest.AWS, "[SECRET]"},
            new String[] {SecretTest.JWT, "[SECRET]"});
    /** What must stay. */
    private static final List<String> LOOKALIKES = List.of(
            "ORD-2024-000123",
            "W-9",
            "Form 1040",
            "3.3.1",
            "10.0.19045",
            "2024-01-15",
            "12:30",
            "978-3-16-148410-0",
            "$1,234,567.89",
            "4111 1111 1111 1112",
            "GB83 WEST 1234 5698 7654 32",
            "999.1.1.1");

    private static final String[] WORDS = {"the", "policy", "says", "請", "联系", "backup", "kept", "for", "days", "of"};

    private static CanonicalText canonical(List<String> blocks, String separator) {
        StringBuilder text = new StringBuilder();
        List<CanonicalBlock> spans = new ArrayList<>();
        for (String b : blocks) {
            if (!spans.isEmpty()) {
                text.append(separator);
            }
            int start = text.length();
            text.append(b);
            spans.add(new CanonicalBlock(BlockKind.PARAGRAPH, start, text.length(), 1, 0, false));
        }
        return new CanonicalText(text.toString(), spans);
    }

    @Test
    void a_document_is_redacted_block_by_block() {
        CanonicalText in = canonical(
                List.of(
                        "Contact",
                        "Mail alice@example.com or call +44 20 7946 0958.",
                        "IBAN DE89 3704 0044 0532 0130 00"),
                "\n\n");
        Redaction r = REDACTOR.redact(in, PiiMode.REDACT);
        assertEquals(
                "Contact\n\nMail [EMAIL] or call [PHONE].\n\nIBAN [IBAN]",
                r.text().text());
        assertEquals(
                List.of("Contact", "Mail [EMAIL] or call [PHONE].", "IBAN [IBAN]"),
                r.text().blocks().stream().map(r.text()::blockText).toList());
        assertEquals(Map.of(PiiType.EMAIL, 1, PiiType.PHONE, 1, PiiType.IBAN, 1), r.counts());
        assertEquals(
                List.of(PiiType.EMAIL, PiiType.PHONE, PiiType.IBAN),
                List.copyOf(r.counts().keySet()));
        assertEquals(
                List.of("alice@example.com", "+44 20 7946 0958", "DE89 3704 0044 0532 0130 00"),
                r.hits().stream().map(PiiHit::original).toList());
        for (PiiHit h : r.hits()) {
            assertEquals(h.type().placeholder(), r.text().text().substring(h.start(), h.end()));
        }
    }

    @Test
    void block_spans_follow_the_redaction_on_generated_documents() {
        Random random = new Random(11);
        for (int doc = 0; doc < 300; doc++) {
            List<String> blocks = new ArrayList<>();
            List<String> planted = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                blocks.add(block(random, planted));
            }
            CanonicalText in = canonical(blocks, random.nextBoolean() ? "\n\n" : "\n");
            Redaction r = REDACTOR.redact(in, PiiMode.REDACT);
            CanonicalText out = r.text();
            assertEquals(in.blocks().size(), out.blocks().size());
            int hitsInBlocks = 0;
            for (int i = 0; i < in.blocks().size(); i++) {
                CanonicalBlock a = in.blocks().get(i);
                CanonicalBlock b = out.blocks().get(i);
                assertEquals(REDACTOR.redact(in.blockText(a)), out.blockText(b), "block " + i + " of " + in.text());
                assertEquals(List.of(a.kind(), a.page(), a.tableId()), List.of(b.kind(), b.page(), b.tableId()));
                for (PiiHit h : r.hits()) {
                    if (h.start() >= b.start() && h.end() <= b.end()) {
                        hitsInBlocks++;
                    }
                }
            }
            assertEquals(r.hits().size(), hitsInBlocks, "every hit lies inside one block");
            assertEquals(planted.size(), r.hits().size(), in.text());
            assertEquals(planted, r.hits().stream().map(PiiHit::original).toList());
            for (String value : planted) {
                assertFalse(out.text().contains(value), value);
            }
            for (String kept : LOOKALIKES) {
                assertEquals(countOf(in.text(), kept), countOf(out.text(), kept), kept);
            }
            assertEquals(
                    r.hits().size(),
                    r.counts().values().stream().mapToInt(Integer::intValue).sum());
            Redaction flagged = REDACTOR.redact(in, PiiMode.FLAG);
            assertSame(in, flagged.text());
            assertEquals(r.counts(), flagged.counts());
            for (PiiHit h : flagged.hits()) {
                assertEquals(h.original(), in.text().substring(h.start(), h.end()));
            }
        }
    }

    private static String block(Random random, List<String> planted) {
        StringBuilder b = new StringBuilder();
        int parts = random.nextInt(6);
        for (int p = 0; p < parts; p++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            switch (random.nextInt(4)) {
                case 0 -> {
                    String[] v = VALUES.get(random.nextInt(VALUES.size()));
                    b.append(v[0]);
                    planted.add(v[0]);
                }
                case 1 -> b.append(LOOKALIKES.get(random.nextInt(LOOKALIKES.size())));
                default -> b.append(WORDS[random.nextInt(WORDS.length)]);
            }
        }
        return b.toString();
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void a_value_never_spans_two_blocks() {
        // adjacent blocks with no separator: the whole text holds an address, neither block does
        String text = "Mail alice@exam" + "ple.com now";
        CanonicalText in = new CanonicalText(
                text,
                List.of(
                        new CanonicalBlock(BlockKind.PARAGRAPH, 0, 15, 0, 0, false),
                        new CanonicalBlock(BlockKind.PARAGRAPH, 15, text.length(), 0, 0, false)));
        Redaction r = REDACTOR.redact(in, PiiMode.REDACT);
        assertEquals(List.of(), r.hits());
        assertEquals(List.of("EMAIL:alice@example.com"), Recognized.found(text));
        assertEquals(text, r.text().text());
    }

    @Test
    void flag_reports_and_keeps_the_text_and_off_does_nothing() {
        CanonicalText in = canonical(List.of("mail alice@example.com", "no pii here"), "\n\n");
        Redaction flagged = REDACTOR.redact(in, PiiMode.FLAG);
        assertSame(in, flagged.text());
        assertEquals(List.of(new PiiHit(PiiType.EMAIL, 5, 22, "alice@example.com")), flagged.hits());
        Redaction off = REDACTOR.redact(in, PiiMode.OFF);
        assertSame(in, off.text());
        assertEquals(List.of(), off.hits());
        assertEquals(new TreeMap<>(), off.counts());
        CanonicalText clean = canonical(List.of("no pii here"), "\n\n");
        assertSame(clean, REDACTOR.redact(clean, PiiMode.REDACT).text());
    }

    @Test
    void identical_documents_that_differ_only_in_redacted_values_redact_alike() {
        String a = REDACTOR.redact("Contact alice@example.com, +44 20 7946 0958, card 4111 1111 1111 1111.");
        String b = REDACTOR.redact("Contact bob.smith@example.org, +1 (555) 123-4567, card 5555 5555 5555 4444.");
        assertEquals("Contact [EMAIL], [PHONE], card [CARD].", a);
        assertEquals(a, b);
    }

    @Test
    void redaction_is_deterministic_and_independent_of_the_default_locale() {
        String text = "IBAN gb82west12345698765432, ext: 555-123-4567 EXT 12, BEARER A1b2C3d4E5f6G7h8i9, mail"
                + " İNFO@EXAMPLE.COM and INFO@EXAMPLE.COM";
        String expected = REDACTOR.redact(text);
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("zh-CN"), Locale.GERMANY)) {
                Locale.setDefault(l);
                assertEquals(expected, REDACTOR.redact(text), l.toString());
            }
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals("IBAN [IBAN], ext: [PHONE], BEARER [SECRET], mail İ[EMAIL] and [EMAIL]", expected);
    }

    @Test
    void the_version_names_the_rules() {
        assertEquals("pii-2", REDACTOR.version());
    }

    @Test
    void blocks_out_of_order_are_refused() {
        CanonicalText bad = new CanonicalText(
                "abc def",
                List.of(
                        new CanonicalBlock(BlockKind.PARAGRAPH, 4, 7, 0, 0, false),
                        new CanonicalBlock(BlockKind.PARAGRAPH, 0, 3, 0, 0, false)));
        assertThrows(IllegalArgumentException.class, () -> REDACTOR.redact(bad, PiiMode.REDACT));
    }

    @Test
    void a_hit_does_not_show_its_original_when_printed() {
        PiiHit h = new PiiHit(PiiType.EMAIL, 0, 7, "alice@example.com");
        assertFalse(h.toString().contains("alice"), h.toString());
        assertTrue(h.toString().contains("17 chars"), h.toString());
    }

    @Test
    void modes_parse_from_configuration_text() {
        assertEquals(PiiMode.REDACT, PiiMode.parse("redact"));
        assertEquals(PiiMode.FLAG, PiiMode.parse(" FLAG "));
        assertEquals(PiiMode.OFF, PiiMode.parse("Off"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PiiMode.parse("mask"));
        assertEquals("PII mode must be one of redact, flag, off; got 'mask'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PiiMode.parse(null));
        assertEquals("[EMAIL]", PiiType.EMAIL.placeholder());
        assertEquals("[SECRET]", PiiType.SECRET.placeholder());
    }
}

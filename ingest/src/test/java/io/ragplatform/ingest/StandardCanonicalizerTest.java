package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.doc;
import static io.ragplatform.ingest.Fixtures.heading;
import static io.ragplatform.ingest.Fixtures.paragraph;
import static io.ragplatform.ingest.Fixtures.plain;
import static io.ragplatform.ingest.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StandardCanonicalizerTest {
    private static final Canonicalizer CANON = Canonicalizer.standard();
    private static final int DOCUMENTS = 200;

    private static CanonicalText canon(ExtractedDocument d) {
        return CANON.canonicalize(d);
    }

    private static String text(ExtractedDocument d) {
        return canon(d).text();
    }

    private static List<BlockKind> kinds(CanonicalText ct) {
        return ct.blocks().stream().map(CanonicalBlock::kind).toList();
    }

    private static List<String> blockTexts(CanonicalText ct) {
        return ct.blocks().stream().map(ct::blockText).toList();
    }

    // ================================================================ properties over random documents

    @Test
    void canonicalization_is_deterministic() {
        forRandomDocuments(1L, (doc, desc) -> {
            CanonicalText a = canon(doc);
            CanonicalText b = new StandardCanonicalizer().canonicalize(doc);
            assertEquals(a, b, desc);
        });
    }

    @Test
    void canonical_text_is_a_fixed_point() {
        forRandomDocuments(2L, (doc, desc) -> {
            String once = text(doc);
            String twice = text(plain(once));
            assertEquals(once, twice, desc);
        });
    }

    @Test
    void canonical_text_has_no_carriage_returns_tabs_or_blank_line_runs() {
        forRandomDocuments(3L, (doc, desc) -> {
            String t = text(doc);
            assertFalse(t.contains("\r"), desc);
            assertFalse(t.contains("\t"), desc);
            assertFalse(t.contains("\n\n\n"), desc);
            assertFalse(t.startsWith("\n") || t.endsWith("\n"), desc);
        });
    }

    @Test
    void blocks_are_trimmed_nonempty_and_tile_the_text_with_fixed_separators() {
        forRandomDocuments(4L, (doc, desc) -> {
            CanonicalText ct = canon(doc);
            int pos = 0;
            CanonicalBlock prev = null;
            for (CanonicalBlock b : ct.blocks()) {
                String bt = ct.blockText(b);
                assertFalse(bt.isEmpty(), desc);
                assertEquals(bt.strip(), bt, () -> "block not trimmed: [" + bt + "]\n" + desc);
                assertFalse(
                        bt.contains("\n"), () -> "line break inside a non-preformatted block: [" + bt + "]\n" + desc);
                if (prev != null) {
                    boolean sameTable = b.kind() == BlockKind.TABLE_ROW
                            && prev.kind() == BlockKind.TABLE_ROW
                            && b.tableId() == prev.tableId();
                    assertEquals(sameTable ? "\n" : "\n\n", ct.text().substring(pos, b.start()), desc);
                } else {
                    assertEquals(0, b.start(), desc);
                }
                pos = b.end();
                prev = b;
            }
            assertEquals(ct.text().length(), pos, desc);
        });
    }

    @Test
    void canonical_text_is_nfkc_with_ascii_quotes_and_no_invisible_characters() {
        forRandomDocuments(5L, (doc, desc) -> {
            String t = text(doc);
            assertTrue(Normalizer.isNormalized(t, Normalizer.Form.NFKC), desc);
            for (char c : new char[] {
                '\u00a0', '\u00ad', '\u200b', '\ufeff', '\u2018', '\u2019', '\u201c', '\u201d', '\ufb01', '\u2028'
            }) {
                assertTrue(t.indexOf(c) < 0, () -> String.format("U+%04X in output%n%s", (int) c, desc));
            }
            assertFalse(t.contains("  "), desc);
        });
    }

    @Test
    void no_word_of_the_input_is_lost() {
        // everything generated is content: no page chrome, no markup; every word must survive (possibly re-joined)
        forRandomDocuments(6L, (doc, desc) -> {
            String out = " " + text(doc).replace('\n', ' ').replace(" | ", " ") + " ";
            for (RawBlock b : doc.blocks()) {
                String in = StandardCanonicalizer.cleanChars(b.text());
                for (String w : in.split("[\\s\\p{Z}]+")) {
                    String word = w.replaceAll("^[-*•(]+|[.)]+$", "");
                    if (word.length() > 3 && !word.endsWith("-") && !out.contains(word)) {
                        fail("lost [" + word + "]\n" + desc + "\n=== output\n" + out);
                    }
                }
            }
        });
    }

    // ================================================================ examples

    /** Plain texts and their canonical text, each case named by the behaviour it shows. */
    static Stream<Arguments> plainExamples() {
        return Stream.of(
                Arguments.of(
                        "hard-wrapped lines are joined into one paragraph",
                        "The quick brown fox jumps over\nthe lazy dog and then runs\ninto the forest to hide.\n\n"
                                + "Second paragraph here.",
                        "The quick brown fox jumps over the lazy dog and then runs into the forest to hide.\n\n"
                                + "Second paragraph here."),
                Arguments.of(
                        "blank lines with spaces still separate paragraphs",
                        "First paragraph ends here.\n \t \nSecond one.\n",
                        "First paragraph ends here.\n\nSecond one."),
                Arguments.of(
                        "windows line ends are line ends",
                        "One two three four five six\r\nseven eight.\r\n\r\nNine ten.",
                        "One two three four five six seven eight.\n\nNine ten."),
                Arguments.of(
                        "old mac line ends are line ends",
                        "One two three four five six\rseven eight.\r\rNine ten.",
                        "One two three four five six seven eight.\n\nNine ten."),
                Arguments.of(
                        "a word hyphenated at a line end is rejoined",
                        "Canonicalization rejoins every exam-\nple of a word that was split at the end of a line.",
                        "Canonicalization rejoins every example of a word that was split at the end of a line."),
                // "Anglo-\nSaxon": the next line starts upper-case, so the hyphen belongs to the word
                Arguments.of(
                        "a hyphen before a capitalised line is kept",
                        "The monks kept writing the Anglo-\nSaxon chronicle for centuries.",
                        "The monks kept writing the Anglo- Saxon chronicle for centuries."),
                Arguments.of(
                        "a short first line ending in a hyphen is rejoined with its continuation",
                        "This is an exam-\nple of a hyphenated word.",
                        "This is an example of a hyphenated word."),
                Arguments.of(
                        "a short first line followed by a lower-case line is one paragraph",
                        "Short Line\nand the rest of the sentence continues here on this longer line.",
                        "Short Line and the rest of the sentence continues here on this longer line."),
                Arguments.of(
                        "soft hyphens and zero-width characters vanish",
                        "hy\u00adphen\u00adation and zero\u200bwidth\ufeff",
                        "hyphenation and zerowidth"),
                Arguments.of("nfkc folds ligatures", "The \ufb01rst o\ufb03ce \ufb01le", "The first office file"),
                Arguments.of(
                        "nfkc folds compatibility forms",
                        "\uff21\uff22\uff23 \uff11\uff12\uff13 \u216b",
                        "ABC 123 XII"),
                Arguments.of(
                        "typographic quotes become ascii",
                        "\u201cQuoted\u201d and \u2018single\u2019 and it\u2019s",
                        "\"Quoted\" and 'single' and it's"),
                Arguments.of(
                        "non-breaking and odd spaces collapse to one space", "a\u00a0b\u2003c\t\td   e", "a b c d e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainExamples")
    void plain_text_canonicalizes_to_its_example(String behaviour, String input, String expected) {
        assertEquals(expected, text(plain(input)));
    }

    @Test
    void composed_and_decomposed_accents_canonicalize_alike() {
        assertEquals(text(plain("Caf\u00e9 M\u00fcller")), text(plain("Cafe\u0301 Mu\u0308ller")));
    }

    @Test
    void list_markers_are_stripped_from_list_lines() {
        CanonicalText ct =
                canon(plain("Things to bring:\n- tent\n* stove\n\u2022 water\n1. map\n2) compass\nb) torch"));

        assertEquals(List.of("Things to bring:", "tent", "stove", "water", "map", "compass", "torch"), blockTexts(ct));
        assertEquals(BlockKind.PARAGRAPH, ct.blocks().get(0).kind());
        assertTrue(ct.blocks().subList(1, 7).stream().allMatch(b -> b.kind() == BlockKind.LIST_ITEM));
    }

    @Test
    void wrapped_list_item_continues_on_the_next_line() {
        CanonicalText ct = canon(plain("- first item that is long and\n  wraps onto a second line\n- second item"));
        assertEquals(List.of("first item that is long and wraps onto a second line", "second item"), blockTexts(ct));
    }

    @Test
    void list_item_block_loses_its_marker_too() {
        CanonicalText ct = canon(doc("text/html", RawBlock.of(BlockKind.LIST_ITEM, "\u2022 Keep receipts", 0)));
        assertEquals("Keep receipts", ct.text());
        assertEquals(List.of(BlockKind.LIST_ITEM), kinds(ct));
    }

    @Test
    void markdown_headings_emphasis_links_and_code_are_reduced() {
        String md = """
                # Getting **Started**

                Read the [installation guide](https://example.com/install "Install") and the *short* __FAQ__ first.
                Run `make build` then see ![diagram](img/arch.png) and <https://example.com>.

                Setext Heading
                ==============

                ## Closing hashes ##

                > Quoted advice
                > on two lines.

                ---

                Struck ~~gone~~ visible.
                [ref]: https://example.com/ref
                """;
        CanonicalText ct = canon(doc("text/markdown", paragraph(md)));

        assertEquals(
                List.of(
                        "Getting Started",
                        "Read the installation guide and the short FAQ first. Run make build then see diagram and https://example.com.",
                        "Setext Heading",
                        "Closing hashes",
                        "Quoted advice on two lines.",
                        "Struck gone visible."),
                blockTexts(ct));
        assertEquals(
                List.of(
                        BlockKind.HEADING,
                        BlockKind.PARAGRAPH,
                        BlockKind.HEADING,
                        BlockKind.HEADING,
                        BlockKind.PARAGRAPH,
                        BlockKind.PARAGRAPH),
                kinds(ct));
    }

    @Test
    void markdown_escaped_stars_stay_literal() {
        assertEquals("Use *args* here.", text(doc("text/markdown", paragraph("Use \\*args\\* here."))));
    }

    @Test
    void markdown_escapes_and_intraword_underscores_are_literal() {
        assertEquals(
                "Compute 2 * 3 with my_var_name and snake_case.",
                text(doc("text/markdown", paragraph("Compute 2 \\* 3 with my_var_name and snake\\_case."))));
    }

    @Test
    void markdown_table_becomes_table_rows_without_the_separator() {
        String md =
                "| Name | Role |\n|:-----|-----:|\n| **Ada** | Engineer |\n| Grace | [Admiral](https://x.org) |\n\nAfter.";
        CanonicalText ct = canon(doc("text/markdown", paragraph(md)));

        assertEquals("Name | Role\nAda | Engineer\nGrace | Admiral\n\nAfter.", ct.text());
        List<CanonicalBlock> rows = ct.blocks().subList(0, 3);
        assertTrue(rows.stream()
                .allMatch(b -> b.kind() == BlockKind.TABLE_ROW
                        && b.tableId() == rows.get(0).tableId()));
        assertEquals(
                List.of(true, false, false),
                rows.stream().map(CanonicalBlock::header).toList());
    }

    @Test
    void markdown_fenced_code_is_kept_verbatim_as_preformatted() {
        String md = "Intro text.\n\n```java\nint x = 1;\n    if (x > 0) {   \n}\n```\n\nOutro **text**.";
        CanonicalText ct = canon(doc("text/markdown", paragraph(md)));

        assertEquals(List.of("Intro text.", "int x = 1;\n    if (x > 0) {\n}", "Outro text."), blockTexts(ct));
        assertEquals(BlockKind.PREFORMATTED, ct.blocks().get(1).kind());
    }

    @Test
    void markdown_syntax_in_plain_text_is_left_alone() {
        assertEquals("# Not a heading with **stars**", text(plain("# Not a heading with **stars**")));
    }

    @Test
    void pipe_separated_lines_in_plain_text_are_table_rows() {
        CanonicalText ct = canon(plain("Prices below.\n\nItem | Price\nTea | 3\nCake | 4"));
        assertEquals("Prices below.\n\nItem | Price\nTea | 3\nCake | 4", ct.text());
        assertEquals(
                List.of(BlockKind.PARAGRAPH, BlockKind.TABLE_ROW, BlockKind.TABLE_ROW, BlockKind.TABLE_ROW), kinds(ct));
        assertTrue(ct.blocks().get(1).header());
        assertFalse(ct.blocks().get(2).header());
    }

    @Test
    void table_row_blocks_join_cells_and_tables_are_separated_by_one_newline() {
        CanonicalText ct = canon(doc(
                "text/html",
                heading(1, "Staff"),
                row(7, true, "Name ", " Role"),
                row(7, false, "Ada\nLovelace", "Engineer"),
                row(8, true, "Other", "Table")));
        assertEquals("Staff\n\nName | Role\nAda Lovelace | Engineer\n\nOther | Table", ct.text());
        assertEquals(7, ct.blocks().get(1).tableId());
    }

    @Test
    void numbered_heading_canonicalizes_alike_from_html_and_plain_text() {
        String html = text(doc("text/html", heading(2, "2. Scope"), paragraph("This applies to everyone.")));
        assertEquals(html, text(plain("2. Scope\n\nThis applies to everyone.")));
        assertEquals(html, text(plain(html)));
    }

    @Test
    void table_row_with_an_empty_edge_cell_is_a_fixed_point() {
        String once = text(
                doc("text/html", row(1, true, "Name", "Note"), row(1, false, "Ada", ""), row(1, false, "", "Admiral")));
        assertEquals(once, text(plain(once)));
    }

    @Test
    void table_row_with_an_empty_middle_cell_is_a_fixed_point() {
        String once = text(doc("text/html", row(1, true, "Name", "Note", "Team"), row(1, false, "Ada", "", "Core")));
        assertEquals("Name | Note | Team\nAda | - | Core", once);
        assertEquals(once, text(plain(once)));
    }

    @Test
    void heading_block_is_collapsed_to_one_line() {
        CanonicalText ct = canon(doc("text/html", heading(2, "  Annual\n  Report\t2024 "), paragraph("Body.")));
        assertEquals("Annual Report 2024\n\nBody.", ct.text());
        assertEquals(List.of(BlockKind.HEADING, BlockKind.PARAGRAPH), kinds(ct));
    }

    @Test
    void short_capitalised_line_above_a_paragraph_stands_alone() {
        CanonicalText ct = canon(plain(
                "Data Retention\nCustomer records are kept for seven years after the last order and\nthen deleted."));
        assertEquals(
                List.of(
                        "Data Retention",
                        "Customer records are kept for seven years after the last order and then deleted."),
                blockTexts(ct));
    }

    @Test
    void preformatted_block_keeps_its_lines_and_indentation() {
        CanonicalText ct = canon(
                doc("text/html", RawBlock.of(BlockKind.PREFORMATTED, "\n\nfor x in xs:\n    print(x)   \n\n", 0)));
        assertEquals("for x in xs:\n    print(x)", ct.text());
    }

    @Test
    void empty_and_blank_blocks_disappear() {
        CanonicalText ct =
                canon(doc("text/html", paragraph("  "), heading(1, "\u00a0"), paragraph("Kept."), paragraph("\u200b")));
        assertEquals("Kept.", ct.text());
        assertEquals(1, ct.blocks().size());
        assertTrue(canon(doc("text/html")).isEmpty());
    }

    // ---------------------------------------------------------------- paged formats

    private static RawBlock onPage(int page, String text) {
        return RawBlock.of(BlockKind.PARAGRAPH, text, page);
    }

    @Test
    void running_headers_footers_and_page_numbers_are_dropped_from_paged_text() {
        List<RawBlock> blocks = new ArrayList<>();
        String[] bodies = {
            "Chapter one begins with a long introduction to the subject.",
            "The second page continues with more details on the method.",
            "The third page reports the results of the experiments.",
            "The fourth page closes with a discussion of the findings."
        };
        for (int p = 1; p <= 4; p++) {
            blocks.add(onPage(p, "ACME Corp Confidential Report\n"));
            blocks.add(onPage(p, bodies[p - 1] + "\n"));
            blocks.add(onPage(p, "Page " + p + " of 4"));
        }
        CanonicalText ct = canon(Fixtures.pdf(blocks));

        assertEquals(String.join("\n\n", bodies), ct.text());
        assertEquals(
                List.of(1, 2, 3, 4),
                ct.blocks().stream().map(CanonicalBlock::page).toList());
    }

    @Test
    void bare_page_numbers_are_dropped_even_when_they_differ() {
        List<RawBlock> blocks = List.of(
                onPage(1, "First page text that is long enough to be content.\n- 1 -"),
                onPage(2, "Second page text that is long enough as well.\n- 2 -"));
        assertEquals(
                "First page text that is long enough to be content.\n\nSecond page text that is long enough as well.",
                text(Fixtures.pdf(blocks)));
    }

    @Test
    void repeated_lines_are_kept_when_the_format_has_no_pages() {
        List<RawBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocks.add(paragraph("ACME Corp Confidential Report"));
            blocks.add(paragraph("Body number " + i + " with enough words to be content."));
        }
        assertEquals(
                4,
                text(doc("text/html", blocks.toArray(RawBlock[]::new)))
                                .split("ACME Corp Confidential Report", -1)
                                .length
                        - 1);
    }

    @Test
    void paragraph_cut_by_a_page_break_is_rejoined() {
        List<RawBlock> blocks = List.of(
                onPage(1, "Heading Line\n"),
                onPage(1, "The committee met on Tuesday and agreed that the budget for the\nnext year"),
                onPage(2, "should be reduced by ten percent across all departments."),
                onPage(2, "A new paragraph starts here."));
        CanonicalText ct = canon(Fixtures.pdf(blocks));

        assertEquals(
                List.of(
                        "Heading Line",
                        "The committee met on Tuesday and agreed that the budget for the next year should be reduced by ten percent across all departments.",
                        "A new paragraph starts here."),
                blockTexts(ct));
        assertEquals(1, ct.blocks().get(1).page());
    }

    @Test
    void paragraph_ending_a_sentence_is_not_joined_across_pages() {
        List<RawBlock> blocks = List.of(
                onPage(1, "The first page ends with a complete sentence."),
                onPage(2, "the second page starts lower-case but the sentence before ended."));
        assertEquals(2, canon(Fixtures.pdf(blocks)).blocks().size());
    }

    @Test
    void heading_at_the_bottom_of_a_page_is_not_joined_to_the_next_page() {
        List<RawBlock> blocks = List.of(
                onPage(1, "Some body text that closes the first page properly."),
                onPage(1, "Access Reviews"),
                onPage(2, "Access to every system is reviewed each quarter by the data owner."));
        assertEquals(
                List.of(
                        "Some body text that closes the first page properly.",
                        "Access Reviews",
                        "Access to every system is reviewed each quarter by the data owner."),
                blockTexts(canon(Fixtures.pdf(blocks))));
    }

    @Test
    void heading_at_the_top_of_a_page_is_not_joined_to_unfinished_text_before_it() {
        List<RawBlock> blocks = List.of(
                onPage(
                        1,
                        "Customer records 7 years Customer Operations Payroll records 10 years Finance Web server logs 90 days\n"),
                onPage(
                        2,
                        "Access Reviews\nAccess to every Confidential or Restricted system is reviewed each quarter by\nthe data owner.\n"));
        assertEquals(
                List.of(
                        "Customer records 7 years Customer Operations Payroll records 10 years Finance Web server logs 90 days",
                        "Access Reviews",
                        "Access to every Confidential or Restricted system is reviewed each quarter by the data owner."),
                blockTexts(canon(Fixtures.pdf(blocks))));
    }

    @Test
    void page_numbers_on_unpaged_documents_are_kept() {
        assertEquals("Page 3 of 7", text(plain("Page 3 of 7")));
    }

    @Test
    void version_names_the_canonicalizer() {
        assertEquals("canon-2", CANON.version());
        assertEquals("canon-1", CANON.hashVersion(), "hashes and chunk IDs of text canon-2 leaves alone are kept");
    }

    // ================================================================ random documents

    private interface Check {
        void accept(ExtractedDocument doc, String description);
    }

    private static void forRandomDocuments(long seed, Check check) {
        Random random = new Random(seed);
        for (int i = 0; i < DOCUMENTS; i++) {
            ExtractedDocument doc = RandomDocuments.document(random);
            String desc = "seed " + seed + ", document " + i + ":\n" + RandomDocuments.describe(doc);
            check.accept(doc, desc);
        }
    }
}

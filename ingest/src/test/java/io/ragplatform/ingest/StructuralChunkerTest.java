package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StructuralChunkerTest {
    private static final TokenCounter COUNTER = TokenCounter.approximate();
    private static final Canonicalizer CANON = Canonicalizer.standard();

    private static Chunker chunker(int maxTokens) {
        return Chunker.structural(COUNTER, maxTokens, CANON.hashVersion());
    }

    private static CanonicalText canonical(String plainText) {
        return CANON.canonicalize(plain(plainText));
    }

    private static List<Chunk> chunk(String plainText, int maxTokens) {
        return chunker(maxTokens).chunk(canonical(plainText));
    }

    private static List<String> ids(List<Chunk> chunks) {
        return chunks.stream().map(Chunk::id).toList();
    }

    // ================================================================ golden IDs

    /** A small field guide: a title over the first section, a list and a table. Canonical as written. */
    static final String GOLDEN = """
            Field Guide to Garden Birds

            Robins

            The robin is a small songbird with an orange breast. It sings through most of the winter, and in spring the \
            male defends a territory against every rival that comes near. Robins follow gardeners to pick worms from \
            freshly turned soil.

            Blackbirds

            Male blackbirds are black with a yellow bill; females are brown. They feed on lawns in the early morning.

            - Listen for the alarm call at dusk.
            - Look under hedges for nests.

            Feeding Table

            Food | Robin | Blackbird
            Mealworms | yes | yes
            Sunflower hearts | rarely | yes
            Apples | no | yes""";

    /**
     * Pinned chunk IDs of {@link #GOLDEN} under canon-1 / chunk-1, {@link TokenCounter#approximate()}, 64 tokens. A change
     * here re-embeds every stored document: it must come with a new canonicalizer or chunker version.
     */
    static final List<String> GOLDEN_IDS = List.of(
            "01d2077905833a30cceed261f4534c28", "fdf945d8c47fc4b92f5aa60695418df0", "519d359be6515e9894aa5c04cf842ec4");

    @Test
    void golden_chunk_ids_are_stable() {
        CanonicalText ct = canonical(GOLDEN);
        assertEquals(
                GOLDEN.replace("- ", "").replace("dusk.\n", "dusk.\n\n"),
                ct.text(),
                "canonical apart from its list lines");

        List<Chunk> chunks = chunker(64).chunk(ct);

        assertEquals(GOLDEN_IDS, ids(chunks));
        assertEquals(List.of(0, 272, 457), chunks.stream().map(Chunk::charStart).toList());
        assertEquals(List.of(270, 455, 568), chunks.stream().map(Chunk::charEnd).toList());
        assertEquals(List.of(51, 37, 23), chunks.stream().map(Chunk::tokens).toList());
        assertTrue(chunks.get(0).text().startsWith("Field Guide to Garden Birds\n\nRobins\n\nThe robin"));
        assertTrue(chunks.get(1).text().startsWith("Blackbirds\n\n"));
        assertTrue(chunks.get(2).text().startsWith("Feeding Table\n\nFood | Robin | Blackbird\n"));
    }

    @Test
    void chunk_id_is_the_hash_of_versions_and_text() {
        for (Chunk c : chunker(64).chunk(canonical(GOLDEN))) {
            assertEquals(Hashing.id128("chunk", "canon-1", "chunk-1", c.text()), c.id());
        }
    }

    @Test
    void another_canonicalizer_version_gives_other_ids() {
        List<Chunk> v1 = chunker(64).chunk(canonical(GOLDEN));
        List<Chunk> v2 = Chunker.structural(COUNTER, 64, "canon-2").chunk(canonical(GOLDEN));

        assertEquals(
                v1.stream().map(Chunk::text).toList(),
                v2.stream().map(Chunk::text).toList());
        assertTrue(ids(v1).stream().noneMatch(ids(v2)::contains));
    }

    @Test
    void same_text_in_another_document_keeps_its_ids() {
        String other = "Garden Visitors\n\nThis booklet gathers notes from several seasons of watching the garden.\n\n"
                + GOLDEN
                + "\n\nHedgehogs\n\nHedgehogs visit after dark and eat beetles, slugs and the food left out for cats.";

        List<Chunk> chunks = chunk(other, 64);

        assertEquals(5, chunks.size(), () -> chunks.stream().map(Chunk::text).collect(Collectors.joining("\n----\n")));
        assertEquals(GOLDEN_IDS, ids(chunks).subList(1, 4));
        assertTrue(chunks.get(1).charStart() > 0, "same IDs at other offsets");
    }

    @Test
    void chunking_is_deterministic() {
        CanonicalText ct = canonical(GOLDEN);
        assertEquals(chunker(64).chunk(ct), new StructuralChunker(COUNTER, 64, "canon-1").chunk(ct));
    }

    @Test
    void empty_text_has_no_chunks() {
        assertEquals(List.of(), chunker(64).chunk(new CanonicalText("", List.of())));
    }

    @Test
    void budget_below_sixteen_tokens_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> chunker(15));
        assertEquals("chunk-2", chunker(16).version());
    }

    // ================================================================ structure

    @Test
    void heading_starts_a_new_chunk_even_when_the_previous_one_has_room() {
        List<Chunk> chunks =
                chunk("Alpha Notes\n\nA short first paragraph.\n\nBeta Notes\n\nA short second paragraph.", 200);

        assertEquals(
                List.of("Alpha Notes\n\nA short first paragraph.", "Beta Notes\n\nA short second paragraph."),
                chunks.stream().map(Chunk::text).toList());
    }

    @Test
    void small_blocks_of_one_section_are_packed_together() {
        List<Chunk> chunks =
                chunk("Packing\n\nOne sentence here.\n\nAnother one here.\n\n- an item\n- another item", 200);
        assertEquals(1, chunks.size());
        assertEquals(
                "Packing\n\nOne sentence here.\n\nAnother one here.\n\nan item\n\nanother item",
                chunks.get(0).text());
    }

    @Test
    void paragraph_longer_than_the_budget_is_split_at_sentence_boundaries() {
        Random r = new Random(7);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sentences.add(sentence(r, 6 + r.nextInt(8)));
        }
        String paragraph = String.join(" ", sentences);
        int maxTokens = 32;
        assertTrue(COUNTER.count(paragraph) > 3 * maxTokens);

        List<Chunk> chunks = chunk(paragraph, maxTokens);

        assertTrue(chunks.size() >= 4, () -> "chunks: " + chunks.size());
        for (Chunk c : chunks) {
            assertTrue(c.tokens() <= maxTokens, c::toString);
            assertTrue(c.text().endsWith("."), () -> "not cut at a sentence end: " + c.text());
            assertTrue(Character.isUpperCase(c.text().charAt(0)), () -> "not cut at a sentence start: " + c.text());
        }
        assertEquals(paragraph, chunks.stream().map(Chunk::text).collect(Collectors.joining(" ")));
    }

    @Test
    void sentence_longer_than_the_budget_is_split_between_words() {
        Random r = new Random(8);
        String sentence = sentence(r, 70);
        List<Chunk> chunks = chunk(sentence, 20);

        assertTrue(chunks.size() >= 4, () -> "chunks: " + chunks.size());
        for (Chunk c : chunks) {
            assertTrue(c.tokens() <= 20, c::toString);
            assertEquals(c.text().strip(), c.text());
        }
        assertEquals(sentence, chunks.stream().map(Chunk::text).collect(Collectors.joining(" ")));
    }

    @Test
    void long_table_is_split_by_rows_with_the_header_row_repeated() {
        StringBuilder sb = new StringBuilder("Stock List\n\nThe table below lists every item in the store room.\n\n");
        String header = "Item | Quantity | Location";
        sb.append(header);
        List<String> rows = new ArrayList<>();
        Random r = new Random(9);
        for (int i = 0; i < 40; i++) {
            String row = RandomDocuments.capitalize(RandomDocuments.word(r)) + " " + RandomDocuments.word(r) + " | "
                    + (i + 1) * 3 + " | Shelf " + (char) ('A' + i % 6);
            rows.add(row);
            sb.append('\n').append(row);
        }
        sb.append("\n\nAfter the table comes a closing remark.");
        CanonicalText ct = canonical(sb.toString());
        int maxTokens = 64;

        List<Chunk> chunks = chunker(maxTokens).chunk(ct);

        List<Chunk> tableChunks =
                chunks.stream().filter(c -> c.text().contains(" | ")).toList();
        assertTrue(tableChunks.size() >= 3, () -> "table chunks: " + tableChunks.size());
        // the table does not fit with the text above it, so it starts a chunk of its own
        for (Chunk c : tableChunks) {
            assertTrue(c.text().startsWith(header + "\n"), () -> "no header row at the top of\n" + c.text());
            assertTrue(c.tokens() <= maxTokens, c::toString);
            assertEquals(c.tokens(), COUNTER.count(c.text()), c::toString);
        }
        // the header is in the canonical text once: continuation chunks carry a copy outside their span
        assertEquals(ct.text().indexOf(header), tableChunks.get(0).charStart());
        for (Chunk c : tableChunks.subList(1, tableChunks.size())) {
            assertFalse(ct.text().substring(c.charStart(), c.charEnd()).contains(header));
            assertEquals(header + "\n" + ct.text().substring(c.charStart(), c.charEnd()), c.text());
        }
        // every data row is in exactly one chunk, in order
        List<String> chunkedRows = tableChunks.stream()
                .flatMap(c -> c.text().split("\n\n")[0].lines().skip(1))
                .toList();
        assertEquals(rows, chunkedRows);
        assertTrue(chunks.get(chunks.size() - 1).text().endsWith("After the table comes a closing remark."));
    }

    @Test
    void table_that_fits_stays_in_one_chunk_with_its_heading() {
        List<Chunk> chunks = chunk("Prices\n\nItem | Price\nTea | 3\nCake | 4\nScone | 2", 64);
        assertEquals(
                List.of("Prices\n\nItem | Price\nTea | 3\nCake | 4\nScone | 2"),
                chunks.stream().map(Chunk::text).toList());
    }

    @Test
    void chunks_of_a_paged_document_carry_the_page_of_their_first_block() {
        List<RawBlock> blocks = List.of(
                RawBlock.of(BlockKind.PARAGRAPH, "First Page Heading\n", 1),
                RawBlock.of(BlockKind.PARAGRAPH, "Text on the first page ends here.", 1),
                RawBlock.of(BlockKind.PARAGRAPH, "Second Page Heading\n", 2),
                RawBlock.of(BlockKind.PARAGRAPH, "Text on the second page ends here.", 2));
        CanonicalText ct = CANON.canonicalize(Fixtures.pdf(blocks));

        List<Chunk> chunks = chunker(64).chunk(ct);

        assertEquals(List.of(1, 2), chunks.stream().map(Chunk::page).toList());
    }

    // ================================================================ properties over random documents

    @Test
    void every_chunk_fits_the_budget_and_counts_its_tokens() {
        forRandomDocuments(11, (i, doc, maxTokens, ct) -> {
            for (Chunk c : chunker(maxTokens).chunk(ct)) {
                String desc = "document " + i + ", maxTokens " + maxTokens + ", chunk " + c + "\n"
                        + RandomDocuments.describe(doc);
                assertTrue(COUNTER.count(c.text()) <= maxTokens, desc);
                assertEquals(COUNTER.count(c.text()), c.tokens(), desc);
                assertEquals(c.text().strip(), c.text(), desc);
            }
        });
    }

    @Test
    void chunks_cover_the_canonical_text_in_order() {
        forRandomDocuments(12, (i, doc, maxTokens, ct) -> {
            List<Chunk> chunks = chunker(maxTokens).chunk(ct);
            String desc = "document " + i + ", maxTokens " + maxTokens + "\n" + RandomDocuments.describe(doc);
            String text = ct.text();
            int pos = 0;
            StringBuilder covered = new StringBuilder();
            for (Chunk c : chunks) {
                assertTrue(c.charStart() >= pos, desc);
                assertTrue(
                        text.substring(pos, c.charStart()).isBlank(), () -> "uncovered text before " + c + "\n" + desc);
                String span = text.substring(c.charStart(), c.charEnd());
                assertTrue(
                        c.text().equals(span) || c.text().endsWith("\n" + span), () -> c + " is not its span\n" + desc);
                covered.append(span);
                pos = c.charEnd();
            }
            assertTrue(text.substring(pos).isBlank(), desc);
            assertEquals(text.replaceAll("\\s", ""), covered.toString().replaceAll("\\s", ""), desc);
            if (!ct.isEmpty()) {
                assertFalse(chunks.isEmpty(), desc);
            }
        });
    }

    /** A check of one random document, canonicalized, against a random token budget. */
    private interface RandomCase {
        void check(int i, ExtractedDocument doc, int maxTokens, CanonicalText ct);
    }

    /** Runs {@code check} on 200 documents of {@link RandomDocuments} seeded with {@code seed}, budgets 16 to 115. */
    private static void forRandomDocuments(long seed, RandomCase check) {
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            ExtractedDocument doc = RandomDocuments.document(r);
            int maxTokens = 16 + r.nextInt(100);
            check.check(i, doc, maxTokens, CANON.canonicalize(doc));
        }
    }

    @Test
    void a_repeated_header_is_the_first_row_of_the_same_table() {
        Random r = new Random(13);
        int repeats = 0;
        for (int i = 0; i < 200; i++) {
            ExtractedDocument doc = RandomDocuments.document(r);
            CanonicalText ct = CANON.canonicalize(doc);
            for (Chunk c : chunker(16 + r.nextInt(30)).chunk(ct)) {
                String span = ct.text().substring(c.charStart(), c.charEnd());
                if (c.text().equals(span)) {
                    continue;
                }
                repeats++;
                String prefix = c.text().substring(0, c.text().length() - span.length() - 1);
                CanonicalBlock first = ct.blocks().stream()
                        .filter(b -> b.start() <= c.charStart() && c.charStart() < b.end())
                        .findFirst()
                        .orElseThrow();
                assertEquals(BlockKind.TABLE_ROW, first.kind());
                CanonicalBlock header = ct.blocks().stream()
                        .filter(b -> b.kind() == BlockKind.TABLE_ROW && b.tableId() == first.tableId())
                        .findFirst()
                        .orElseThrow();
                assertTrue(header.header());
                assertEquals(ct.blockText(header), prefix, () -> c + "\n" + RandomDocuments.describe(doc));
            }
        }
        assertTrue(repeats > 10, "the generator should exercise header repeats, got " + repeats);
    }

    // ================================================================ locality

    @Test
    void inserting_a_sentence_changes_only_chunks_of_its_own_section() {
        Random r = new Random(36);
        List<List<String>> sections = sections(r, 36);
        List<Chunk> before = chunk(render(sections), 64);

        List<List<String>> edited = copy(sections);
        List<String> middle = edited.get(17);
        int p = middle.size() / 2;
        String para = middle.get(p);
        int cut = para.indexOf(". ") + 2;
        middle.set(
                p,
                para.substring(0, cut) + "Quarterly audits also cover the archived snapshots. " + para.substring(cut));
        String editedText = render(edited);
        List<Chunk> after = chunk(editedText, 64);

        Set<String> removed = new HashSet<>(ids(before));
        removed.removeAll(ids(after));
        Set<String> added = new HashSet<>(ids(after));
        added.removeAll(ids(before));
        assertFalse(added.isEmpty(), "the edit must show");
        assertTrue(removed.size() <= 3, "removed " + removed.size());
        assertTrue(added.size() <= 3, "added " + added.size());
        String heading = sections.get(17).get(0);
        String nextHeading = sections.get(18).get(0);
        int from = editedText.indexOf(heading);
        int to = editedText.indexOf(nextHeading);
        for (Chunk c : after) {
            if (c.charEnd() <= from || c.charStart() >= to) {
                assertTrue(ids(before).contains(c.id()), () -> "chunk outside the edited section changed: " + c);
            }
        }
        assertTrue(before.size() >= 72, "at least two chunks a section, got " + before.size());
    }

    @Test
    void any_one_sentence_edit_leaves_other_sections_alone() {
        Random r = new Random(360);
        for (int trial = 0; trial < 40; trial++) {
            List<List<String>> sections = sections(r, 8 + r.nextInt(10));
            int maxTokens = 32 + r.nextInt(64);
            List<Chunk> before = chunk(render(sections), maxTokens);
            int s = r.nextInt(sections.size());
            List<List<String>> edited = copy(sections);
            List<String> section = edited.get(s);
            int p = 1 + r.nextInt(section.size() - 1);
            section.set(p, section.get(p) + " " + sentence(r, 5 + r.nextInt(10)));
            String editedText = render(edited);
            List<Chunk> after = chunk(editedText, maxTokens);

            int from = editedText.indexOf(section.get(0));
            int to =
                    s + 1 < edited.size() ? editedText.indexOf(edited.get(s + 1).get(0)) : editedText.length();
            Set<String> old = new HashSet<>(ids(before));
            for (Chunk c : after) {
                if (c.charEnd() <= from || c.charStart() >= to) {
                    String desc = "trial " + trial + ", section " + s + ", paragraph " + p + ", maxTokens " + maxTokens
                            + ": " + c;
                    assertTrue(old.contains(c.id()), desc);
                }
            }
        }
    }

    /** Sections of a heading (first element) and 2-3 paragraphs of plain words, distinct across sections. */
    static List<List<String>> sections(Random r, int n) {
        List<List<String>> sections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> s = new ArrayList<>();
            s.add(RandomDocuments.capitalize(RandomDocuments.word(r)) + " "
                    + RandomDocuments.capitalize(RandomDocuments.word(r)) + " " + (i + 1));
            int paragraphs = 2 + r.nextInt(2);
            for (int p = 0; p < paragraphs; p++) {
                List<String> sentences = new ArrayList<>();
                int count = 2 + r.nextInt(3);
                for (int k = 0; k < count; k++) {
                    sentences.add(sentence(r, 6 + r.nextInt(10)));
                }
                s.add(String.join(" ", sentences));
            }
            sections.add(s);
        }
        return sections;
    }

    static String render(List<List<String>> sections) {
        return sections.stream().map(s -> String.join("\n\n", s)).collect(Collectors.joining("\n\n"));
    }

    private static List<List<String>> copy(List<List<String>> sections) {
        List<List<String>> copy = new ArrayList<>();
        sections.forEach(s -> copy.add(new ArrayList<>(s)));
        return copy;
    }

    /** A sentence of plain made-up words (no decoration), capitalised, ending in a full stop. */
    static String sentence(Random r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(r.nextInt(8) == 0 ? ", " : " ");
            }
            sb.append(RandomDocuments.word(r));
        }
        return RandomDocuments.capitalize(sb.toString()) + ".";
    }
}

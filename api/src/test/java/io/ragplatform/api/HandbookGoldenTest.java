package io.ragplatform.api;

import static io.ragplatform.api.Fixtures.bytes;
import static io.ragplatform.api.Fixtures.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ragplatform.fixtures.Fixture;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden end-to-end test: each handbook file goes through the whole service (upload: Tika, canonical text, chunks
 * with the default model's tokenizer, embedding, index; then {@code GET /v1/documents/{id}} and {@code GET
 * /v1/chunks/{id}}) and must give
 *
 * <ul>
 *   <li>exactly the canonical text that {@code handbook/expected.json} records (title, 36 sections, their paragraphs,
 *       bullets and table rows, in order; the e-mail adds its greeting and signature, the PDF loses the table's cell
 *       separators), read back from the chunks at their spans;
 *   <li>exactly the chunk IDs, spans and pages, the text length and the content hash that {@code
 *       handbook/expected-chunks.json} records for the format.
 * </ul>
 *
 * After an intended change of the pipeline (canonicalizer, chunker, model), rewrite {@code expected-chunks.json} with
 * {@code -Dhandbook.golden.write=true} and review its diff: see fixtures/README.md.
 */
@QuarkusTest
@WithTestResource(DataDirResource.class) // a data directory of its own: nothing stored by other test classes
class HandbookGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of(
            "handbook.html",
            "handbook.docx",
            "handbook.md",
            "handbook.txt",
            "handbook.eml",
            "handbook.pdf",
            "handbook-edited.txt");
    private static final boolean WRITE = Boolean.getBoolean("handbook.golden.write");

    /** The e-mail's body around the handbook text (generate.py render_eml; expected.json does not hold them). */
    private static final String EML_GREETING = "Hi all, please find the current handbook below.";

    private static final String EML_SIGNATURE = "-- Data Governance Team";

    private static final JsonNode EXPECTED = read("handbook/expected.json");
    private static final Map<String, Stored> STORED = new ConcurrentHashMap<>();
    private static final Map<String, String> CHUNK_TEXTS = new ConcurrentHashMap<>();

    /** What the service returned for one uploaded file: its root document and the text of each of its chunks. */
    record Stored(JsonNode document, List<String> texts) {
        List<JsonNode> chunks() {
            List<JsonNode> list = new ArrayList<>();
            document.get("chunks").forEach(list::add);
            return list;
        }
    }

    private static Stored stored(String file) {
        return STORED.computeIfAbsent(file, f -> {
            JsonPath r = upload(f, bytes("handbook/" + f), "golden/" + f)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            JsonNode doc = getJson("/v1/documents/" + r.getString("documentId"));
            List<String> texts = new ArrayList<>();
            for (JsonNode c : doc.get("chunks")) {
                // the formats share most chunks: fetch each chunk's text once
                texts.add(CHUNK_TEXTS.computeIfAbsent(
                        c.get("chunkId").asText(),
                        id -> getJson("/v1/chunks/" + id).get("text").asText()));
            }
            return new Stored(doc, texts);
        });
    }

    // ---------------------------------------------------------------- expected.json: the canonical text

    @ParameterizedTest
    @ValueSource(strings = {"handbook.html", "handbook.docx", "handbook.md", "handbook.txt"})
    void html_word_markdown_and_text_give_exactly_the_canonical_text_of_expected_json(String file) {
        assertEquals(canonical(sectionsBlocks(EXPECTED)), text(stored(file)), file);
    }

    @Test
    void the_email_gives_the_canonical_text_between_its_greeting_and_signature() {
        List<String> blocks = new ArrayList<>();
        blocks.add(EML_GREETING);
        blocks.addAll(sectionsBlocks(EXPECTED));
        blocks.add(EML_SIGNATURE);
        assertEquals(canonical(blocks), text(stored("handbook.eml")));
    }

    @Test
    void the_pdf_gives_the_canonical_text_with_the_table_as_plain_lines() {
        // Tika's PDF text has no table structure: the header row becomes one paragraph and the other rows another,
        // cells separated by spaces
        List<String> blocks = new ArrayList<>();
        blocks.add(EXPECTED.get("title").asText());
        for (JsonNode s : EXPECTED.get("sections")) {
            blocks.addAll(sectionBlocksWithoutTable(s));
            List<List<String>> table = table(s);
            if (!table.isEmpty()) {
                blocks.add(String.join(" ", table.get(0)));
                blocks.add(String.join(
                        " ",
                        table.subList(1, table.size()).stream()
                                .map(row -> String.join(" ", row))
                                .toList()));
            }
        }
        assertEquals(canonical(blocks), text(stored("handbook.pdf")));
    }

    @Test
    void the_edited_text_differs_by_exactly_the_edit_expected_json_records() {
        JsonNode edit = EXPECTED.get("edit");
        List<String> blocks = new ArrayList<>();
        blocks.add(EXPECTED.get("title").asText());
        for (JsonNode s : EXPECTED.get("sections")) {
            List<String> section = sectionBlocks(s);
            if (s.get("heading").asText().equals(edit.get("section").asText())) {
                // block 0 is the heading
                section.set(
                        1 + edit.get("paragraphIndex").asInt(),
                        edit.get("editedParagraph").asText());
            }
            blocks.addAll(section);
        }
        String text = text(stored("handbook-edited.txt"));
        assertEquals(canonical(blocks), text);
        assertTrue(text.contains(edit.get("insertedSentence").asText()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"handbook.html", "handbook.docx", "handbook.md", "handbook.txt", "handbook.eml", "handbook.pdf"})
    void the_code_word_is_in_one_chunk_its_section_and_the_running_header_in_none(String file) {
        String codeWord = EXPECTED.get("codeWord").asText();
        List<String> withCodeWord =
                stored(file).texts().stream().filter(t -> t.contains(codeWord)).toList();
        assertEquals(1, withCodeWord.size(), file);
        assertTrue(
                withCodeWord.get(0).contains(EXPECTED.get("codeWordSection").asText() + "\n\n"),
                withCodeWord::toString);
        String header = EXPECTED.get("runningHeader").asText();
        assertTrue(stored(file).texts().stream().noneMatch(t -> t.contains(header)), file);
    }

    // ---------------------------------------------------------------- expected-chunks.json: IDs, spans, pages

    private static final Map<String, JsonNode> OBSERVED = new ConcurrentHashMap<>();

    static List<String> files() {
        return FILES;
    }

    @ParameterizedTest
    @MethodSource("files")
    void every_file_gives_the_golden_chunk_ids_spans_and_pages(String file) {
        JsonNode doc = stored(file).document();
        JsonNode observed = JSON.createObjectNode()
                .put("contentType", doc.get("contentType").asText())
                .put("textLength", doc.get("textLength").asInt())
                .put("contentHash", doc.get("contentHash").asText())
                .set("chunks", doc.get("chunks"));
        OBSERVED.put(file, observed);
        if (WRITE) {
            return;
        }
        JsonNode golden = read("handbook/expected-chunks.json").get(file);
        assertEquals(
                golden.get("contentType").asText(), observed.get("contentType").asText(), file);
        assertEquals(
                golden.get("textLength").asInt(), observed.get("textLength").asInt(), file);
        assertEquals(
                golden.get("contentHash").asText(), observed.get("contentHash").asText(), file);
        assertEquals(golden.get("chunks").size(), observed.get("chunks").size(), file + ": chunk count");
        assertEquals(chunkLines(golden.get("chunks")), chunkLines(observed.get("chunks")), file);
    }

    @AfterAll
    static void writeGoldenChunksWhenAsked() throws IOException {
        if (!WRITE) {
            return;
        }
        assertEquals(FILES.size(), OBSERVED.size(), "run the whole class to rewrite expected-chunks.json");
        StringBuilder out = new StringBuilder("{\n");
        for (int i = 0; i < FILES.size(); i++) {
            JsonNode o = OBSERVED.get(FILES.get(i));
            out.append(String.format(
                    Locale.ROOT,
                    "  \"%s\": {\n    \"contentType\": %s,\n    \"textLength\": %d,\n    \"contentHash\": \"%s\",\n"
                            + "    \"chunks\": [\n",
                    FILES.get(i),
                    JSON.writeValueAsString(o.get("contentType").asText()),
                    o.get("textLength").asInt(),
                    o.get("contentHash").asText()));
            List<String> lines = new ArrayList<>();
            for (JsonNode c : o.get("chunks")) {
                lines.add("      " + JSON.writeValueAsString(c));
            }
            out.append(String.join(",\n", lines)).append("\n    ]\n  }");
            out.append(i + 1 < FILES.size() ? ",\n" : "\n");
        }
        out.append("}\n");
        Path file = Path.of(System.getProperty("basedir", "."))
                .resolve("../fixtures/src/main/resources/io/ragplatform/fixtures/handbook/expected-chunks.json")
                .normalize();
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.println("wrote " + file + ": review its diff before committing");
    }

    // ---------------------------------------------------------------- helpers

    /** One line per chunk, so that a failure shows the first differing chunk. */
    private static List<String> chunkLines(JsonNode chunks) {
        List<String> lines = new ArrayList<>();
        for (JsonNode c : chunks) {
            lines.add(c.get("chunkId").asText() + " " + c.get("charStart").asInt() + ".."
                    + c.get("charEnd").asInt() + " page " + c.path("page").asInt(0));
        }
        return lines;
    }

    /**
     * The document's canonical text read back from its chunks: each chunk's text at its span, the blank line that
     * separates two blocks between consecutive chunks; the chunks must cover the text.
     */
    private static String text(Stored s) {
        StringBuilder text = new StringBuilder();
        List<JsonNode> chunks = s.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            int start = chunks.get(i).get("charStart").asInt();
            int end = chunks.get(i).get("charEnd").asInt();
            String t = s.texts().get(i);
            assertEquals(end - start, t.length(), "chunk " + i + " text is its span");
            if (i == 0) {
                assertEquals(0, start, "the first chunk starts the text");
            } else {
                assertEquals(text.length() + 2, start, "chunk " + i + " follows the previous one after a blank line");
                text.append("\n\n");
            }
            text.append(t);
        }
        assertEquals(s.document().get("textLength").asInt(), text.length(), "the chunks cover the text");
        return text.toString();
    }

    private static String canonical(List<String> blocks) {
        return String.join("\n\n", blocks);
    }

    private static List<String> sectionsBlocks(JsonNode expected) {
        List<String> blocks = new ArrayList<>();
        blocks.add(expected.get("title").asText());
        for (JsonNode s : expected.get("sections")) {
            blocks.addAll(sectionBlocks(s));
        }
        return blocks;
    }

    /** Heading, paragraphs, bullets (one block each), then the table (one block, a line per row, cells by " | "). */
    private static List<String> sectionBlocks(JsonNode section) {
        List<String> blocks = sectionBlocksWithoutTable(section);
        List<List<String>> table = table(section);
        if (!table.isEmpty()) {
            blocks.add(String.join(
                    "\n", table.stream().map(row -> String.join(" | ", row)).toList()));
        }
        return blocks;
    }

    private static List<String> sectionBlocksWithoutTable(JsonNode section) {
        List<String> blocks = new ArrayList<>();
        blocks.add(section.get("heading").asText());
        section.get("paragraphs").forEach(p -> blocks.add(p.asText()));
        section.get("bullets").forEach(b -> blocks.add(b.asText()));
        return blocks;
    }

    private static List<List<String>> table(JsonNode section) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : section.get("table")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText()));
            rows.add(cells);
        }
        return rows;
    }

    private static JsonNode getJson(String path) {
        String body = given().get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String fixture) {
        try (InputStream in = Fixture.open(fixture)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.ragplatform.eval.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ragplatform.error.RagException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {
    private static List<String> all(Lines lines) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l; (l = lines.next()) != null; ) {
            out.add(l);
        }
        return out;
    }

    @Test
    void splits_on_lf_crlf_and_cr_and_skips_a_leading_bom_only() throws IOException {
        var lines = Lines.of(new StringReader("\uFEFFa\r\nb\rc\n\nd\uFEFF\n\r\ne"), "t", 100);
        assertEquals(List.of("a", "b", "c", "", "d\uFEFF", "", "e"), all(lines));
        assertEquals(7, lines.lineNumber());
        assertEquals(List.of("x"), all(Lines.of(new StringReader("x\n"), "t", 100)));
        assertEquals(List.of(), all(Lines.of(new StringReader(""), "t", 100)));
    }

    @Test
    void reports_the_exact_line_of_malformed_utf8_far_into_the_input() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            bytes.writeBytes(("line " + i + " Grüße 東京\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[] {'o', 'k', (byte) 0xC3, '(', '\n'});
        var lines = Lines.of(new ByteArrayInputStream(bytes.toByteArray()), "big.jsonl", 100);
        var e = assertThrows(RagException.class, () -> all(lines));
        assertEquals("big.jsonl line 20001 is not valid UTF-8", e.getMessage());

        var truncated =
                Lines.of(new ByteArrayInputStream(new byte[] {'a', '\n', 'b', (byte) 0xE6, (byte) 0x9D}), "t", 100);
        assertEquals("a", truncated.next());
        assertEquals(
                "t line 2 is not valid UTF-8",
                assertThrows(RagException.class, truncated::next).getMessage());
    }

    @Test
    void caps_a_line_across_buffer_refills() throws IOException {
        String longLine = "y".repeat(200_000);
        var lines = Lines.of(new StringReader("short\n" + longLine + "\n"), "t", 150_000);
        assertEquals("short", lines.next());
        assertEquals(
                "t line 2 is longer than 150000 characters",
                assertThrows(RagException.class, lines::next).getMessage());
        var fits =
                Lines.of(new ByteArrayInputStream((longLine + "\r\n").getBytes(StandardCharsets.UTF_8)), "t", 200_000);
        assertEquals(longLine, fits.next());
        assertNull(fits.next());
    }
}

package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void numbers_are_locale_free_and_never_negative_zero() {
        assertEquals("0.000", Fmt.num(-0.0));
        assertEquals("0.000", Fmt.num(-0.0001));
        assertEquals("0.667", Fmt.num(2 / 3.0));
        assertEquals("+0.012", Fmt.signed(0.012));
        assertEquals("-0.040", Fmt.signed(-0.04));
        assertEquals("0.000", Fmt.signed(0.0));
        assertEquals("< 0.001", Fmt.p(0.0002));
        assertEquals("—", Fmt.num((Double) null));
    }

    @Test
    void escapes_html_and_markdown() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Fmt.html("<a href=\"x\">&'"));
        assertEquals("a\uFFFDb", Fmt.html("a\u0001b"));
        assertEquals("a \\| b \\*c\\* \\[d\\](e) \\<i\\> x", Fmt.md("a | b *c* [d](e) <i>\nx"));
        assertEquals("\\# a", Fmt.md("# a"));
        assertEquals("\\- a-b", Fmt.md("- a-b"));
        assertEquals("12\\. x 3.", Fmt.md("12. x 3."));
        assertEquals("0.012", Fmt.md("0.012"));
        assertEquals("7\\)", Fmt.md("7)"));
        assertEquals("[a\\_b](/x%20y%28z%29)", Fmt.mdLink("a_b", "/x y(z)"));
    }

    @Test
    void text_bars_and_sparklines() {
        assertEquals("████▍", Fmt.textBar(0.55, 8));
        assertEquals("", Fmt.textBar(0, 8));
        assertEquals("████████", Fmt.textBar(1.5, 8));
        assertEquals(" ▄█", Fmt.sparkline(List.of(0, 1, 2)));
    }

    @Test
    void api_links_encode_ids() {
        ReportLinks links = ReportLinks.api("/rag/");

        assertEquals("/rag/v1/chunks/c%201%2F%C3%A9", links.chunk("c 1/é"));
        assertEquals("/rag/v1/documents?sourceId=docs%2Fa%26b%3Dc.md", links.source("docs/a&b=c.md"));
        assertEquals("/rag/v1/chunks/%2E%2E", links.chunk(".."));
        assertEquals("/v1/chunks/abc", ReportLinks.api().chunk("abc"));
    }

    @Test
    void line_chart_y_axis_fits_the_values() {
        assertEquals(List.of(0.0, 1.0), range(List.of()));
        assertEquals(List.of(0.4, 0.55), range(List.of(0.46, 0.48, 0.5)));
        assertEquals(List.of(0.65, 0.75), range(List.of(0.7)));
        assertEquals(List.of(0.0, 0.1), range(List.of(0.0)));
        assertEquals(List.of(0.9, 1.0), range(List.of(1.0, 0.98)));
        assertEquals(List.of(0.0, 1.0), range(List.of(0.0, 1.0)));
        assertEquals(0.05, Svg.tickStep(0.25), 1e-12);
        assertEquals(0.02, Svg.tickStep(0.1), 1e-12);
        assertEquals(0.2, Svg.tickStep(1.0), 1e-12);
    }

    static List<Double> range(List<Double> values) {
        double[] r = Svg.yRange(values);
        return List.of(Math.round(r[0] * 1000) / 1000.0, Math.round(r[1] * 1000) / 1000.0);
    }

    @Test
    void nice_axis_ends() {
        assertEquals(0.01, Svg.niceCeil(0));
        assertEquals(0.05, Svg.niceCeil(0.031), 1e-12);
        assertEquals(0.1, Svg.niceCeil(0.1), 1e-12);
        assertEquals(0.2, Svg.niceCeil(0.11), 1e-12);
        assertEquals(1.0, Svg.niceCeil(0.9), 1e-12);
    }
}

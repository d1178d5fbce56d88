package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoldenDiffTest {
    @Test
    void diff_marks_changed_lines_with_context() {
        String golden = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String actual = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk\n";

        assertEquals("  c\n  d\n  e\n- f\n+ F\n  g\n  h\n  i\n  j\n+ k\n  \n", Golden.diff(golden, actual));
    }

    @Test
    void diff_of_equal_texts_is_empty() {
        assertEquals("", Golden.diff("x\ny\n", "x\ny\n"));
    }
}

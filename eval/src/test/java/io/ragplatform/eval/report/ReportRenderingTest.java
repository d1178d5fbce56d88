package io.ragplatform.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What both renderings of a run report promise: the same page for the same run, whatever order its parts come in. */
class ReportRenderingTest {
    static Stream<Arguments> renderers() {
        BiFunction<RunReport, ReportLinks, String> html = ReportHtml::render;
        BiFunction<RunReport, ReportLinks, String> markdown = ReportMarkdown::render;
        return Stream.of(Arguments.of("html", html), Arguments.of("markdown", markdown));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void renders_identically_twice_and_from_shuffled_inputs(
            String format, BiFunction<RunReport, ReportLinks, String> renderer) {
        String page = Fixtures.sample(renderer);

        assertEquals(page, Fixtures.sample(renderer), format);
        // seeds of the results' and the items' order
        for (long[] seeds : new long[][] {{1, 7}, {2, 14}, {3, 21}, {11, 12}}) {
            RunReport shuffled = RunReport.of(
                    Fixtures.run(),
                    Fixtures.shuffled(Fixtures.results(), seeds[0]),
                    Fixtures.shuffled(Fixtures.items(), seeds[1]),
                    5);
            assertEquals(page, renderer.apply(shuffled, ReportLinks.api()), format + " " + Arrays.toString(seeds));
        }
    }
}

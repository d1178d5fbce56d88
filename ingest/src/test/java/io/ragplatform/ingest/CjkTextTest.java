package io.ragplatform.ingest;

import static io.ragplatform.ingest.Fixtures.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical text and chunks of Chinese, Japanese and Korean text. */
class CjkTextTest {
    private static final Canonicalizer CANON = Canonicalizer.standard();

    private static String text(String plainText) {
        return CANON.canonicalize(plain(plainText)).text();
    }

    private static String pdfText(String... pages) {
        List<RawBlock> blocks = new ArrayList<>();
        for (int p = 0; p < pages.length; p++) {
            blocks.add(RawBlock.of(BlockKind.PARAGRAPH, pages[p], p + 1));
        }
        return CANON.canonicalize(Fixtures.pdf(blocks)).text();
    }

    @Test
    void a_chinese_ocr_page_never_gets_a_space_after_its_full_stop() {
        String t = pdfText("本公司的收据必须保存五年，并按月整理。\n收据的原件交给财务部门，复印件留在本部门保存");

        assertFalse(t.contains("。 "), t);
        assertEquals("本公司的收据必须保存五年，并按月整理。收据的原件交给财务部门，复印件留在本部门保存", t);
    }

    @Test
    void a_chinese_paragraph_cut_by_a_page_break_is_joined_without_a_space() {
        assertEquals("本公司的收据必须保存五年，并按月整理，原件交给财务部门。", pdfText("本公司的收据必须保存五年，并按月整理，", "原件交给财务部门。"));
    }

    /** Rule, input (plain text), canonical text. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("Chinese lines joined without a space", "这是一张收据。\n收据上写着日期。", "这是一张收据。收据上写着日期。"),
                Arguments.of("a line broken mid-word", "这是一张收据。收据上\n写着日期。", "这是一张收据。收据上写着日期。"),
                Arguments.of("no space inserted next to Latin", "使用Java 17编写", "使用Java 17编写"),
                Arguments.of("a space next to Latin stays", "使用 Java 17 编写的\n服务", "使用 Java 17 编写的服务"),
                Arguments.of("spaces between Kana and Han go", "日本語の テキスト\u3000です。", "日本語のテキストです。"),
                Arguments.of("Korean keeps its spaces", "한국어 문장은 띄어쓰기를\n합니다.", "한국어 문장은 띄어쓰기를 합니다."),
                Arguments.of("Hangul next to Han keeps its space", "서울 漢字\n사람", "서울 漢字 사람"),
                Arguments.of(
                        "Chinese punctuation kept, full-width digits folded",
                        "他说：“你好！”（第２页）；对吗？「是」『好』，。",
                        "他说：“你好！”（第2页）；对吗？「是」『好』，。"),
                Arguments.of("full-width letters, digits, half-width kana folded", "ＡＢＣ　１２３　ｶﾀｶﾅ", "ABC 123 カタカナ"),
                Arguments.of(
                        "quotes in Latin text still folded", "The \u201cZürich\u201d office", "The \"Zürich\" office"),
                Arguments.of("no de-hyphenation after Han", "版本-\nabc", "版本- abc"),
                Arguments.of("de-hyphenation after Latin as before", "infor-\nmation", "information"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void cjk_canonical_text(String rule, String input, String expected) {
        assertEquals(expected, text(input), rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "这是一张收据。\n收据上写着日期。",
                "他说：“你好。”\n她走了！",
                "使用 Java 17 编写的\n服务",
                "한국어 문장은\n띄어쓰기를 합니다.",
                "ＡＢＣ　１２３　ｶﾀｶﾅ 收据",
                "收据\n\n- 第一项\n- 第二项"
            })
    void cjk_canonical_text_is_a_fixed_point(String input) {
        String once = text(input);
        assertEquals(once, text(once));
    }

    @Test
    void a_long_chinese_block_is_split_after_its_sentence_ends() {
        String block = "第一句话说明了收据的用途。第二句话说明了保存的期限！第三句话是一个问题吗？" + "第四句话用分号结束；「第五句话在引号里。」第六句话没有结束";
        CanonicalText ct = CANON.canonicalize(plain(block));

        List<Chunk> chunks = Chunker.structural(TokenCounter.approximate(), 16, CANON.hashVersion())
                .chunk(ct);

        List<String> texts = chunks.stream().map(Chunk::text).toList();
        assertEquals(ct.text(), String.join("", texts));
        for (String t : texts.subList(0, texts.size() - 1)) {
            int last = t.codePointBefore(t.length());
            assertFalse(!CjkText.endsSentence(last) && !CjkText.isCloser(last), t);
        }
    }

    @Test
    void a_short_chinese_sentence_is_not_a_heading() {
        CanonicalText ct = CANON.canonicalize(plain("收据保存五年。\n\n发票保存十年。"));
        for (CanonicalBlock b : ct.blocks()) {
            assertFalse(StructuralChunker.headingLike(b, ct.blockText(b)), ct.blockText(b));
        }
    }
}

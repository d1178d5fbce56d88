package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chinese answers: claims split at Chinese sentence ends, lines joined without spaces. */
class ChineseGroundednessTest {
    private static final ClaimSplitter SPLITTER = new ClaimSplitter();

    @Test
    void claims_end_at_chinese_sentence_ends_with_their_closing_quotes() {
        assertEquals(
                List.of("备份每天一次。", "保留多久？", "三十五天！", "快照另计；", "他说：“这是规定。”", "她问：「真的吗？」", "是的"),
                SPLITTER.split("备份每天一次。保留多久？三十五天！快照另计；他说：“这是规定。”她问：「真的吗？」是的"));
    }

    @Test
    void a_line_wrapped_inside_chinese_joins_without_a_space() {
        assertEquals(
                List.of("员工丢失笔记本电脑后，必须在一小时内报告服务台。", "访客不允许进入机房。"),
                SPLITTER.split("员工丢失笔记本电脑后，必须在一小时内\n报告服务台。访客不允许\n  进入机房。"));
        // between Chinese and Latin the line break stays a space, as it does between English words
        assertEquals(List.of("我们使用 BM25 和向量检索。"), SPLITTER.split("我们使用\nBM25 和向量\n检索。"));
    }

    @Test
    void mixed_chinese_and_english_text_splits_at_both_kinds_of_sentence_end() {
        assertEquals(
                List.of("系统支持 BM25 检索。", "It also supports dense vectors.", "向量检索更慢！", "Hybrid is the default?", "是的。"),
                SPLITTER.split("系统支持 BM25 检索。It also supports dense vectors. 向量检索更慢！Hybrid is the default?是的。"));
        assertEquals(List.of("It works.", "它很快。"), SPLITTER.split("It works.它很快。"));
        // a decimal before Chinese is no sentence end
        assertEquals(List.of("增长了3.5万元。"), SPLITTER.split("增长了3.5万元。"));
    }
}

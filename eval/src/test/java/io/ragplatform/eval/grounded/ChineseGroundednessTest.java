package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chinese answers against Chinese contexts: claims split at Chinese sentence ends, lines joined without spaces, and the
 * default offline scorer telling a claim the context states from one it does not state or contradicts.
 */
class ChineseGroundednessTest {
    private static final ClaimSplitter SPLITTER = new ClaimSplitter();

    /** A handbook passage, wrapped in the middle of a sentence as text extraction leaves it. */
    private static final List<String> HANDBOOK = List.of("""
            公司的生产数据库每天凌晨备份一次。完整备份保留三十五天，月度快照保留十三个月。员工丢失笔记本电脑后，必须在一小时内
            报告服务台。远程办公需要经理批准；访客不允许进入机房。去年公司招聘了三千名员工，销售额增长了百分之五。""");

    private static final List<String> MIXED = List.of(
            HANDBOOK.getFirst(),
            "Access reviews run every 90 days for privileged accounts and every 180 days for others.");

    private static Groundedness groundedness;

    @BeforeAll
    static void load() {
        groundedness = Groundedness.defaults();
    }

    private static double score(String claim, List<String> contexts) {
        double s = groundedness.scorer().support(claim, contexts);
        System.out.printf("%.3f  %s%n", s, claim);
        return s;
    }

    private static void supported(String claim) {
        double s = score(claim, HANDBOOK);
        assertTrue(s >= groundedness.threshold(), "should be supported: " + s + "  " + claim);
    }

    private static void unsupported(String claim) {
        double s = score(claim, HANDBOOK);
        assertTrue(s < groundedness.threshold(), "should not be supported: " + s + "  " + claim);
    }

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

    @Test
    void chinese_text_is_tokenised_as_character_bigrams_and_english_as_before() {
        assertEquals(
                List.of("会议", "议在", "在北", "北京", "京举", "举行"),
                Text.tokens("会议在北京举行").stream().map(Text.Tok::key).toList());
        assertEquals(
                List.of("我们", "use", "lucen", "检索"),
                Text.tokens("我们use Lucene检索").stream().map(Text.Tok::key).toList());
        assertEquals(Text.tokens("Lost laptops are reported."), Text.tokens("Lost laptops are reported."));
    }

    @Test
    void chinese_numbers_have_the_value_of_their_digits() {
        assertEquals(List.of("3000"), numbers("招聘了三千名员工"));
        assertEquals(List.of("3000"), numbers("招聘了3千名员工"));
        assertEquals(List.of("3000"), numbers("招聘了3000名员工"));
        assertEquals(List.of("5"), numbers("增长了百分之五"));
        assertEquals(List.of("25"), numbers("占百分之二十五"));
        assertEquals(List.of("15000", "35000", "350000000"), numbers("一万五千人，3.5万元，三亿五千万"));
        assertEquals(List.of("35", "13", "2023", "3"), numbers("保留三十五天，十三个月，二〇二三年，三名员工"));
        // words that only look like numbers: 一些 (some), 十分 (very), 千万 (by all means), 万一 (in case)
        assertEquals(List.of(), numbers("一些人十分担心，千万不要万一"));
    }

    @Test
    void chinese_negation_cues_are_tokens_of_their_own() {
        assertEquals(1, ContrastCues.negations(Text.tokens("访客不允许进入机房")));
        assertEquals(1, ContrastCues.negations(Text.tokens("备份没有加密")));
        assertEquals(1, ContrastCues.negations(Text.tokens("这并非规定")));
        assertEquals(0, ContrastCues.negations(Text.tokens("未来非常重要，无论如何")));
        assertEquals(0, ContrastCues.negations(Text.tokens("访客允许进入机房")));
    }

    private static List<String> numbers(String text) {
        return Text.tokens(text).stream()
                .filter(Numbers::isNumber)
                .map(Numbers::key)
                .toList();
    }

    @Test
    void a_claim_the_chinese_context_states_is_supported() {
        supported("完整备份保留三十五天。");
        supported("员工丢失笔记本电脑后，必须在一小时内报告服务台。");
        supported("远程办公需要经理批准。");
        supported("去年公司招聘了3千名员工。");
        supported("销售额增长了5%。");
        assertEquals(1.0, new LexicalCoverageScorer().support("月度快照保留十三个月。", HANDBOOK));
    }

    @Test
    void an_unrelated_chinese_claim_is_not_supported() {
        unsupported("公司总部位于上海，拥有两个数据中心。");
        unsupported("所有员工每年必须参加安全培训。");
        assertTrue(new LexicalCoverageScorer().support("公司总部位于上海，拥有两个数据中心。", HANDBOOK) < 0.3);
    }

    @Test
    void a_contradicted_chinese_claim_is_not_supported() {
        unsupported("完整备份保留九十天。"); // another number
        unsupported("去年公司招聘了五千名员工。");
        unsupported("访客允许进入机房。"); // the negation dropped
        unsupported("远程办公不需要经理批准。"); // a negation added
        unsupported("销售额下降了百分之五。"); // the opposite direction
    }

    @Test
    void a_mixed_language_answer_is_scored_claim_by_claim() {
        GroundednessResult r = groundedness
                .evaluate("完整备份保留三十五天。Access reviews run every 90 days for privileged accounts. 访客可以随意进入机房。", MIXED)
                .orElseThrow();
        r.scores().forEach(c -> System.out.printf("%.3f  %s%n", c.score(), c.claim()));
        assertEquals(
                List.of("完整备份保留三十五天。", "Access reviews run every 90 days for privileged accounts.", "访客可以随意进入机房。"),
                r.claims());
        assertEquals(List.of("访客可以随意进入机房。"), r.unsupportedClaims());
        assertFalse(r.scores().getFirst().score() < groundedness.threshold());
    }
}

package io.ragplatform.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLanguagesTest {
    @Test
    void passagesHoldTheLanguagesOfATenthOfTheirLetters() {
        assertEquals(List.of("zh"), TextLanguages.of("本手册说明如何收集、存储、共享和删除数据。"));
        assertEquals(List.of("en"), TextLanguages.of("This handbook describes how data is deleted."));
        assertEquals(List.of("en", "zh"), TextLanguages.of("数据保护官 is the data protection officer 负责审查。"));
        assertEquals(List.of("en"), TextLanguages.of("The officer, 王芳, reviews every request made to the team."));
        assertEquals(List.of("ja"), TextLanguages.of("データ保護責任者は誰ですか"));
        assertEquals(List.of("ko"), TextLanguages.of("데이터 보호 책임자"));
        assertEquals(List.of(), TextLanguages.of("2024-05-01 12:00 ¥300"));
    }

    @Test
    void queriesHoldEveryScriptTheyUse() {
        assertEquals(List.of("zh"), TextLanguages.ofQuery("谁是数据保护官？"));
        assertEquals(List.of("en", "zh"), TextLanguages.ofQuery("GDPR 是什么"));
        assertEquals(List.of("zh"), TextLanguages.ofQuery("A 类数据"), "a single Latin letter is not English");
        assertEquals(List.of("en"), TextLanguages.ofQuery("who is the officer"));
        assertEquals(List.of(), TextLanguages.ofQuery("42"));
    }
}

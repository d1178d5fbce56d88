package io.ragplatform.ingest.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.fixtures.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
    private static final MinHash MINHASH = new MinHash(NearDuplicateOptions.defaults());

    /** Two Chinese paragraphs on different subjects (about 150 and 120 characters). */
    private static final String ZH = "数据备份是信息安全管理中最基本也最重要的环节之一。公司要求所有生产系统每天夜间进行一次完整备份，"
            + "并在每小时进行增量备份。备份数据必须加密后存放在与主数据中心物理隔离的异地机房，保存期限为三十五天。"
            + "每个季度，运维团队都要从备份中随机抽取若干系统进行恢复演练，记录恢复所需的时间，并与业务部门约定的恢复时间目标进行比较。"
            + "如果演练失败，负责人必须在一周内提交整改报告。";

    private static final String ZH_OTHER = "春天来了，公园里的樱花和桃花竞相开放，吸引了许多市民带着孩子前来踏青。"
            + "湖边的柳树抽出了嫩绿的新芽，几只白鹭在浅水中悠闲地觅食。老人们在亭子里下棋、唱戏，"
            + "年轻人则沿着湖岸跑步或者骑自行车。傍晚时分，夕阳把湖面染成一片金黄，游客们纷纷拿出手机拍照留念。";

    private static List<String> paragraphs;

    @BeforeAll
    static void handbook() throws IOException {
        String text = Files.readString(Fixture.handbook("handbook.txt"), StandardCharsets.ISO_8859_1);
        paragraphs = Arrays.stream(text.split("\n\n"))
                .filter(p -> p.split("\\s+").length >= 40)
                .toList();
    }

    private static String document(int from) {
        return String.join("\n\n", paragraphs.subList(from, from + 10));
    }

    /** The document with its middle word of every paragraph replaced. */
    private static String oneWordChangedPerParagraph(int from) {
        List<String> out = new ArrayList<>();
        for (String p : paragraphs.subList(from, from + 10)) {
            String[] words = p.split(" ");
            words[words.length / 2] = "zebra";
            out.add(String.join(" ", words));
        }
        return String.join("\n\n", out);
    }

    @Test
    void a_variant_with_one_word_changed_per_paragraph_is_found_and_an_unrelated_document_is_not() {
        NearDuplicates index = new NearDuplicates(NearDuplicateOptions.defaults());
        index.add("original", MINHASH.signature(document(0)));
        index.add("unrelated", MINHASH.signature(document(40)));
        Signature variant = MINHASH.signature(oneWordChangedPerParagraph(0));
        double exact = MinHash.jaccard(MINHASH.shingles(document(0)), MINHASH.shingles(oneWordChangedPerParagraph(0)));
        assertTrue(exact > 0.8 && exact < 0.9, "ten changed words touch about 50 of 600 shingles: " + exact);

        List<NearDuplicate> found = index.nearDuplicatesOf(variant, 0.8);
        assertEquals(1, found.size(), found.toString());
        assertEquals("original", found.get(0).documentId());
        assertEquals(exact, found.get(0).similarity(), 0.08);
        assertFalse(index.candidates(variant).contains("unrelated"));

        index.add("variant", variant);
        assertEquals(List.of("original"), ids(index.nearDuplicatesOf("variant")));
        assertEquals(List.of("variant"), ids(index.nearDuplicatesOf("original")));
        assertEquals(List.of(), index.nearDuplicatesOf("unrelated"));
    }

    @Test
    void identical_documents_are_found_at_similarity_one_ordered_by_id() {
        NearDuplicates index = indexed("b", document(10), "a", document(10), "c", oneWordChangedPerParagraph(10));
        Signature s = MINHASH.signature(document(10));
        List<NearDuplicate> found = index.nearDuplicatesOf(s, 0.8);
        assertEquals(List.of("a", "b", "c"), ids(found));
        assertEquals(1.0, found.get(0).similarity());
        assertTrue(found.get(2).similarity() < 1.0);
        assertEquals(List.of(new NearDuplicate("a", 1.0)), index.nearDuplicatesOf("b", 0.99));
    }

    @Test
    void a_chinese_paragraph_and_its_one_character_edited_copy_are_found_and_an_unrelated_one_is_not() {
        Signature edited = MINHASH.signature(ZH.replace("三十五天", "三十六天"));
        NearDuplicates index = indexed("zh", ZH, "zh-other", ZH_OTHER);
        assertFalse(index.candidates(edited).contains("zh-other"));
        assertEquals(List.of("zh"), ids(index.nearDuplicatesOf(edited, 0.8)));
        assertEquals(List.of(), index.nearDuplicatesOf("zh-other"));
    }

    @Test
    void removed_and_replaced_documents_are_no_longer_found() {
        Signature s = MINHASH.signature(document(20));
        NearDuplicates index = indexed("a", document(20), "b", document(20));
        assertTrue(index.remove("a"));
        assertFalse(index.remove("a"));
        assertEquals(List.of(), index.nearDuplicatesOf("b"));
        assertEquals(1, index.size());
        index.add("c", s);
        index.add("c", MINHASH.signature(document(50)));
        assertEquals(List.of("b"), ids(index.nearDuplicatesOf(s, 0.5)));
        assertEquals(List.of("b"), List.copyOf(index.candidates(s)));
    }

    @Test
    void empty_texts_are_nobodys_near_duplicate_and_foreign_signatures_are_refused() {
        NearDuplicates index = new NearDuplicates(NearDuplicateOptions.defaults());
        index.add("empty", MINHASH.signature(""));
        index.add("also-empty", MINHASH.signature("..."));
        assertEquals(List.of(), index.nearDuplicatesOf("empty"));
        assertEquals(List.of(), index.nearDuplicatesOf("unknown"));
        Signature foreign = new MinHash(new NearDuplicateOptions(3, 20, 5, 1, 0.8)).signature("a b c d");
        assertThrows(IllegalArgumentException.class, () -> index.add("x", foreign));
        assertThrows(IllegalArgumentException.class, () -> index.nearDuplicatesOf("empty", 1.2));
    }

    /** An index of the texts, given as ID, text, ID, text, ... */
    private static NearDuplicates indexed(String... idThenText) {
        NearDuplicates index = new NearDuplicates(NearDuplicateOptions.defaults());
        for (int i = 0; i < idThenText.length; i += 2) {
            index.add(idThenText[i], MINHASH.signature(idThenText[i + 1]));
        }
        return index;
    }

    private static List<String> ids(List<NearDuplicate> found) {
        return found.stream().map(NearDuplicate::documentId).toList();
    }
}

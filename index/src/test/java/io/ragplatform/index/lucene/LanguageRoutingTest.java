package io.ragplatform.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ragplatform.fixtures.Fixture;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.CountingEmbedder;
import io.ragplatform.index.Embedder;
import io.ragplatform.index.Embedders;
import io.ragplatform.index.IndexFixture;
import io.ragplatform.index.RagIndex;
import io.ragplatform.index.SearchHit;
import io.ragplatform.index.SearchMode;
import io.ragplatform.index.SearchRequest;
import io.ragplatform.ingest.TextLanguages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chinese and English side by side in one index: chunks carry their languages, Chinese chunks get the Chinese model's
 * vectors in a field of their own and a Chinese-analyzed text, and a query is searched with the analyzers and models
 * of its languages, so that each language finds its own documents first.
 */
class LanguageRoutingTest extends IndexFixture {
    /** The handbook's purpose and data-owner sections, in Chinese. */
    private static final String CHINESE_HANDBOOK = """
            Northwind 数据处理手册

            目的和范围

            本手册说明 Northwind 在业务过程中如何收集、存储、共享和删除数据。它适用于所有能够访问公司系统的员工、承包商和临时工，\
            无论他们在总部、四个区域仓库之一还是在家工作。如果当地法律的规定比本手册更严格，则适用更严格的规定，并且必须通知区域法律顾问。

            本手册由数据治理团队负责，每年至少审查一次。有关其解释的问题请联系苏黎世办公室的数据保护官。

            角色和职责

            Northwind 的每个数据集都有一个指定的数据所有者，通常是创建或依赖该数据的部门负责人。所有者决定谁可以访问数据，批准其分类，\
            并签署其保留期限。
            """;

    private static Embedder routed;

    @BeforeAll
    static void models() {
        routed = Embedders.routed(
                Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0),
                Map.of(TextLanguages.CHINESE, Embedders.named(Embedders.BGE_SMALL_ZH_V15_Q, 0)));
    }

    private RagIndex mixedCorpus(Embedder embedder) throws IOException {
        RagIndex index = RagIndex.open(tmp.resolve("index"), embedder, "test");
        String english = new String(Files.readAllBytes(Fixture.handbook("handbook.txt")), StandardCharsets.ISO_8859_1);
        index.upsert(prepare("en/handbook.txt", english));
        index.upsert(prepare("zh/handbook.txt", CHINESE_HANDBOOK));
        return index;
    }

    private static String firstSource(RagIndex index, String query, SearchMode mode) {
        List<SearchHit> hits = index.search(new SearchRequest(query, 5, mode)).results();
        assertFalse(hits.isEmpty(), mode + ": no hit for " + query);
        return hits.get(0).sources().get(0).sourceId();
    }

    @Test
    void eachLanguageFindsItsOwnDocumentFirstInEveryMode() throws IOException {
        try (RagIndex index = mixedCorpus(routed)) {
            for (SearchMode mode : SearchMode.values()) {
                assertEquals("zh/handbook.txt", firstSource(index, "谁决定可以访问数据？", mode), mode.name());
                assertEquals(
                        "en/handbook.txt",
                        firstSource(index, "who decides who may access the data", mode),
                        mode.name());
            }
        }
    }

    @Test
    void chineseChunksCarryTheirLanguageTheirChineseTextAndTheChineseModelsVectors() throws IOException {
        try (RagIndex index = mixedCorpus(routed)) {
            String zhChunk = firstChunkOfSource(index, "zh/handbook.txt");
            String enChunk = firstChunkOfSource(index, "en/handbook.txt");
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(tmp.resolve("index")))) {
                IndexSearcher s = new IndexSearcher(reader);
                Schema.StoredChunk zh = Schema.loadChunk(s, zhChunk);
                Schema.StoredChunk en = Schema.loadChunk(s, enChunk);
                assertEquals(Embedders.BGE_SMALL_EN_V15_Q, zh.model(), "the main model embeds every chunk");
                assertEquals(384, zh.vector().length);
                float[] chinese = zh.languageVectors().get(Embedders.BGE_SMALL_ZH_V15_Q);
                assertEquals(512, chinese.length, "the Chinese model's own dimension");
                assertTrue(en.languageVectors().isEmpty(), "an English chunk has no Chinese vector");
                assertTrue(
                        reader.leaves().stream()
                                .anyMatch(l -> l.reader()
                                                .getFieldInfos()
                                                .fieldInfo(Schema.vectorField(Embedders.BGE_SMALL_ZH_V15_Q))
                                        != null),
                        "a vector field per model");
                assertTrue(Schema.languages(reader.storedFields().document(docOf(s, zhChunk)))
                        .contains(TextLanguages.CHINESE));
                assertEquals(
                        List.of(TextLanguages.ENGLISH),
                        Schema.languages(reader.storedFields().document(docOf(s, enChunk))));
            }
        }
    }

    @Test
    void withoutALanguageModelChineseIsReadByTheMainModelAndStillFound() throws IOException {
        Embedder plain = Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0);
        try (RagIndex index = mixedCorpus(plain)) {
            assertEquals("zh/handbook.txt", firstSource(index, "谁决定可以访问数据？", SearchMode.KEYWORD));
            assertEquals("zh/handbook.txt", firstSource(index, "谁决定可以访问数据？", SearchMode.HYBRID));
        }
    }

    @Test
    void eachChineseChunkIsEmbeddedOnceByTheChineseModelAndReusedByAnotherDocumentHoldingIt() throws IOException {
        CountingEmbedder zh = new CountingEmbedder(Embedders.named(Embedders.BGE_SMALL_ZH_V15_Q, 0));
        AtomicInteger chineseTexts = zh.embedded;
        Embedder counting =
                Embedders.routed(Embedders.named(Embedders.BGE_SMALL_EN_V15_Q, 0), Map.of(TextLanguages.CHINESE, zh));
        try (RagIndex index = mixedCorpus(counting)) {
            int chunks = index.documentsOfSource("zh/handbook.txt", AccessScope.ALL)
                    .get(0)
                    .chunks()
                    .size();
            assertEquals(chunks, chineseTexts.get(), "one Chinese embedding per Chinese chunk, none twice");

            index.upsert(prepare("zh/copy.txt", CHINESE_HANDBOOK));
            assertEquals(chunks, chineseTexts.get(), "a copy's chunks keep the stored Chinese vectors");
            assertTrue(firstSource(index, "谁决定可以访问数据？", SearchMode.VECTOR).startsWith("zh/"));
        }
    }

    private static int docOf(IndexSearcher s, String chunkId) throws IOException {
        return s.search(new TermQuery(Schema.chunkKey(chunkId)), 1).scoreDocs[0].doc;
    }

    private static String firstChunkOfSource(RagIndex index, String sourceId) {
        return index.documentsOfSource(sourceId, AccessScope.ALL)
                .get(0)
                .chunks()
                .get(0)
                .chunkId();
    }
}

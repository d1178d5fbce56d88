package io.ragplatform.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Computes a document's {@link QualityReport} (the definitions are there). Stateless. */
final class QualityMeasures {
    private QualityMeasures() {}

    /** Page counts above this in a document's metadata are not believed (they would list that many pages). */
    static final int MAX_PAGES = 100_000;

    /** What Latin-1 and Windows-1252 make of the UTF-8 continuation bytes 0x80–0xBF. */
    private static final BitSet CONTINUATION = new BitSet(1 << 16);

    static {
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0x80; b <= 0xBF; b++) {
            CONTINUATION.set(b);
            char c = cp1252.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
            if (c != '\ufffd') {
                CONTINUATION.set(c);
            }
        }
    }

    static QualityReport measure(
            ExtractedDocument extracted, CanonicalText text, List<Chunk> chunks, LanguageDetector.Detection language) {
        long nonBlank = 0;
        long replacements = 0;
        long mojibake = 0;
        for (RawBlock b : extracted.blocks()) {
            nonBlank += nonBlank(b.text());
            replacements += b.text().chars().filter(c -> c == '\ufffd').count();
            mojibake += mojibake(b.text());
        }
        List<Integer> empty = pagesWithoutText(extracted);
        Set<Integer> read = ocrPages(extracted);
        return new QualityReport(
                text.text().length(),
                chunks.stream().mapToInt(Chunk::tokens).sum(),
                QualityReport.share(replacements, nonBlank),
                QualityReport.share(mojibake, nonBlank),
                language.language(),
                language.confidence(),
                boilerplateShare(extracted.blocks()),
                repeatedLineShare(text.text()),
                empty,
                empty.stream().anyMatch(p -> !read.contains(p)));
    }

    private static long nonBlank(String s) {
        return s.chars()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .count();
    }

    /** Characters of mojibake sequences in {@code s}, each U+FFFD included (see {@link QualityReport#mojibakeShare}). */
    static long mojibake(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\ufffd') {
                n++;
                continue;
            }
            // the UTF-8 lead bytes 0xC2-0xF4 read as Latin-1, and how many continuation bytes each one announces
            int follow = c < '\u00c2' || c > '\u00f4' ? 0 : c <= '\u00df' ? 1 : c <= '\u00ef' ? 2 : 3;
            if (follow == 0 || i + follow >= s.length()) {
                continue;
            }
            boolean all = true;
            for (int k = 1; k <= follow && all; k++) {
                all = CONTINUATION.get(s.charAt(i + k));
            }
            if (all) {
                n += 1 + follow;
                i += follow;
            }
        }
        return n;
    }

    /** Non-blank characters that {@link PageChrome} drops, per non-blank character of the cleaned blocks. */
    private static double boilerplateShare(List<RawBlock> raw) {
        if (raw.stream()
                        .map(RawBlock::page)
                        .filter(p -> p > 0)
                        .distinct()
                        .limit(2)
                        .count()
                < 2) {
            return 0;
        }
        List<RawBlock> cleaned = StandardCanonicalizer.cleanBlocks(raw);
        long before = cleaned.stream().mapToLong(b -> nonBlank(b.text())).sum();
        long after = PageChrome.strip(cleaned).stream()
                .mapToLong(b -> nonBlank(b.text()))
                .sum();
        return QualityReport.share(before - after, before);
    }

    private static double repeatedLineShare(String canonical) {
        Set<String> seen = new HashSet<>();
        long lines = 0;
        long repeats = 0;
        for (String line : canonical.split("\n")) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            lines++;
            if (!seen.add(s)) {
                repeats++;
            }
        }
        return QualityReport.share(repeats, lines);
    }

    /** Pages 1..n (n: the metadata's page count or the last page with a block) without a non-blank block. */
    private static List<Integer> pagesWithoutText(ExtractedDocument extracted) {
        Set<Integer> withText = new TreeSet<>();
        int last = 0;
        for (RawBlock b : extracted.blocks()) {
            if (b.page() > 0) {
                last = Math.max(last, b.page());
                if (!b.text().isBlank()) {
                    withText.add(b.page());
                }
            }
        }
        if (last == 0) {
            return List.of();
        }
        Integer declared = integer(extracted.metadata().get(MetadataKeys.PAGES));
        int pages = Math.min(MAX_PAGES, Math.max(last, declared == null ? 0 : declared));
        List<Integer> empty = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            if (!withText.contains(p)) {
                empty.add(p);
            }
        }
        return empty;
    }

    private static Set<Integer> ocrPages(ExtractedDocument extracted) {
        String pages = extracted.metadata().get(MetadataKeys.OCR_PAGES);
        Set<Integer> read = new HashSet<>();
        if (pages != null) {
            for (String p : pages.split(",")) {
                Integer n = integer(p);
                if (n != null) {
                    read.add(n);
                }
            }
        }
        return read;
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null; // a format's page count that is not a number says nothing about pages
        }
    }
}

package io.ragplatform.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Running headers, footers and page numbers of paged formats, found by repetition at the pages' edges. */
final class PageChrome {
    private PageChrome() {}

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "^(?:page|p\\.|seite|pag\\.|página)?\\s*#+(?:\\s*(?:/|of|de|von)\\s*#+)?$|^[-\u2013]\\s*#+\\s*[-\u2013]$");

    private record LineRef(int block, int line, String key) {}

    private static String chromeKey(String line) {
        return StandardCanonicalizer.collapse(line.toLowerCase(Locale.ROOT).replaceAll("\\d+", "#"));
    }

    /** Drops running headers, footers and page numbers: lines at a page's edges that repeat across pages. */
    static List<RawBlock> strip(List<RawBlock> blocks) {
        Map<Integer, List<LineRef>> perPage = new TreeMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            RawBlock b = blocks.get(i);
            if (b.page() <= 0) {
                continue;
            }
            String[] lines = b.text().split("\n", -1);
            for (int j = 0; j < lines.length; j++) {
                if (!lines[j].isBlank() && lines[j].strip().length() <= 120) {
                    perPage.computeIfAbsent(b.page(), k -> new ArrayList<>())
                            .add(new LineRef(i, j, chromeKey(lines[j])));
                } else if (!lines[j].isBlank()) {
                    // a long line ends the edge zone: keep a marker so that edges are computed on real positions
                    perPage.computeIfAbsent(b.page(), k -> new ArrayList<>()).add(new LineRef(i, j, null));
                }
            }
        }
        if (perPage.size() < 2) {
            return blocks;
        }
        Map<Integer, List<LineRef>> edges = new HashMap<>();
        Map<String, Integer> pagesWithKey = new HashMap<>();
        for (var e : perPage.entrySet()) {
            List<LineRef> lines = e.getValue();
            Set<LineRef> edge = new LinkedHashSet<>();
            for (int k = 0; k < Math.min(2, lines.size()); k++) {
                edge.add(lines.get(k));
            }
            for (int k = Math.max(0, lines.size() - 2); k < lines.size(); k++) {
                edge.add(lines.get(k));
            }
            edge.removeIf(r -> r.key() == null);
            edges.put(e.getKey(), new ArrayList<>(edge));
            Set<String> keys = new HashSet<>();
            edge.forEach(r -> keys.add(r.key()));
            keys.forEach(k -> pagesWithKey.merge(k, 1, Integer::sum));
        }
        int threshold = Math.max(2, (perPage.size() + 1) / 2);
        Map<Integer, Set<Integer>> drop = new HashMap<>();
        for (List<LineRef> edge : edges.values()) {
            for (LineRef r : edge) {
                if (pagesWithKey.get(r.key()) >= threshold
                        || PAGE_NUMBER.matcher(r.key()).matches()) {
                    drop.computeIfAbsent(r.block(), k -> new HashSet<>()).add(r.line());
                }
            }
        }
        if (drop.isEmpty()) {
            return blocks;
        }
        List<RawBlock> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            RawBlock b = blocks.get(i);
            Set<Integer> lines = drop.get(i);
            if (lines == null) {
                out.add(b);
                continue;
            }
            String[] split = b.text().split("\n", -1);
            StringBuilder kept = new StringBuilder();
            for (int j = 0; j < split.length; j++) {
                if (!lines.contains(j)) {
                    kept.append(split[j]).append('\n');
                }
            }
            if (!kept.toString().isBlank()) {
                out.add(new RawBlock(
                        b.kind(), b.level(), kept.toString(), b.cells(), b.page(), b.tableId(), b.header()));
            }
        }
        return out;
    }
}

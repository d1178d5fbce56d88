package io.ragplatform.eval.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small structural check of the pages the renderers write (not a full HTML5 validator): every element is closed in
 * order, void elements are not, ids are unique, and no attribute value holds a raw {@code <} or {@code "}.
 */
final class HtmlCheck {
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "wbr", "col");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^<>]*?)?)(/?)>");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");

    private HtmlCheck() {}

    /** Throws an AssertionError naming the first problem found. */
    static void wellFormed(String html) {
        if (!html.startsWith("<!DOCTYPE html>\n")) {
            throw new AssertionError("no doctype");
        }
        Deque<String> open = new ArrayDeque<>();
        Set<String> ids = new HashSet<>();
        Matcher m = TAG.matcher(html);
        int last = "<!DOCTYPE html>\n".length();
        while (m.find()) {
            String between = html.substring(last, m.start());
            if (between.contains("<") || between.contains(">")) {
                throw new AssertionError("raw < or > in text before offset " + m.start() + ": " + between);
            }
            last = m.end();
            String name = m.group(2).toLowerCase();
            Matcher id = ID.matcher(m.group(3));
            while (id.find()) {
                if (!ids.add(id.group(1))) {
                    throw new AssertionError("duplicate id " + id.group(1));
                }
            }
            if (!m.group(1).isEmpty()) {
                String top = open.poll();
                if (!name.equals(top)) {
                    throw new AssertionError("</" + name + "> closes <" + top + "> at offset " + m.start());
                }
            } else if (!m.group(4).isEmpty() || VOID.contains(name)) {
                if (!m.group(4).isEmpty() && VOID.contains(name)) {
                    throw new AssertionError("self-closed void element " + name);
                }
            } else {
                open.push(name);
            }
        }
        String tail = html.substring(last);
        if (tail.contains("<") || tail.contains(">")) {
            throw new AssertionError("raw < or > at the end: " + tail);
        }
        if (!open.isEmpty()) {
            throw new AssertionError("unclosed " + open);
        }
    }

    /** Occurrences of a substring. */
    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}

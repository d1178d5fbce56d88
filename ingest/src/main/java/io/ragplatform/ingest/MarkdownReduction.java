package io.ragplatform.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown reduced to its structure for {@link StandardCanonicalizer}: the line patterns it recognises block structure
 * by, and inline markup (emphasis, links, images, code, HTML tags and comments) removed with its text kept.
 */
final class MarkdownReduction {
    private MarkdownReduction() {}

    static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    static final Pattern HR = Pattern.compile("^([-*_])(?:\\s*\\1){2,}$");
    static final Pattern SETEXT = Pattern.compile("^(=+|-+)$");
    static final Pattern LINK_DEF = Pattern.compile("^\\[[^\\]]+\\]:\\s+\\S+.*$");
    static final Pattern TABLE_SEPARATOR = Pattern.compile("^:?-{2,}:?$");

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    /** Replaced, in this order, by their first group. */
    private static final Pattern[] INLINE = {
        Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)"),
        Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)"),
        Pattern.compile("\\[([^\\]]+)\\]\\[[^\\]]*\\]"),
        Pattern.compile("<((?:https?|mailto):[^>\\s]+)>"),
        Pattern.compile("`([^`]+)`"),
        Pattern.compile("(?<![\\w*])\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*(?![\\w*])"),
        Pattern.compile("(?<![\\w_])__(?=\\S)(.+?)(?<=\\S)__(?![\\w_])"),
        Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])"),
        Pattern.compile("(?<![\\w_])_(?=\\S)(.+?)(?<=\\S)_(?![\\w_])"),
        Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~"),
    };

    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^>]*)?/?>");
    private static final char ESCAPE_BASE = '\uf700';
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~])");

    /** The text without inline markup; a backslash-escaped character stays, as itself. */
    static String inline(String s) {
        // escaped characters are literal: park them in the private-use area while markup is removed
        Matcher esc = ESCAPE.matcher(HTML_COMMENT.matcher(s).replaceAll(""));
        StringBuilder parked = new StringBuilder();
        while (esc.find()) {
            esc.appendReplacement(parked, Matcher.quoteReplacement(String.valueOf((char)
                    (ESCAPE_BASE + esc.group(1).charAt(0)))));
        }
        esc.appendTail(parked);
        String t = parked.toString();
        for (Pattern p : INLINE) {
            t = p.matcher(t).replaceAll("$1");
        }
        t = HTML_TAG.matcher(t).replaceAll("");
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            out.append(c >= ESCAPE_BASE && c < ESCAPE_BASE + 128 ? (char) (c - ESCAPE_BASE) : c);
        }
        return out.toString();
    }
}

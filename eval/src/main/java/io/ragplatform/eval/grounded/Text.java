package io.ragplatform.eval.grounded;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/** Tokens, stems, numbers and the cue lexicons the offline scorers share. Stateless apart from thread-local stemmers. */
final class Text {
    private Text() {}

    enum Kind {
        WORD,
        NUMBER,
        CODE
    }

    /**
     * A token. {@code key} is what presence is checked by: the stem for words, the normalised value for numbers, the
     * lower-case form for codes (alphanumerics such as "BRCA2").
     */
    record Tok(String raw, String lower, String key, Kind kind, boolean entity, int index) {}

    private static final Pattern TOKEN = Pattern.compile(
            "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\p{L}\\p{N}])|\\d+\\.\\d+(?![\\p{L}\\p{N}])|[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(\\p{Ll}{1,4})");
    private static final Pattern NOT_CONTRACTION = Pattern.compile("(?i)n['’]t\\b");

    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

    static final Set<String> STOP = Set.of(
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "if",
            "then",
            "than",
            "as",
            "of",
            "in",
            "on",
            "at",
            "to",
            "for",
            "from",
            "by",
            "with",
            "within",
            "into",
            "onto",
            "upon",
            "about",
            "across",
            "after",
            "before",
            "during",
            "between",
            "among",
            "through",
            "throughout",
            "via",
            "per",
            "over",
            "under",
            "up",
            "down",
            "out",
            "off",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "am",
            "do",
            "does",
            "did",
            "doing",
            "done",
            "has",
            "have",
            "had",
            "having",
            "can",
            "could",
            "may",
            "might",
            "must",
            "shall",
            "should",
            "will",
            "would",
            "ca",
            "wo",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "itself",
            "they",
            "them",
            "their",
            "theirs",
            "he",
            "him",
            "his",
            "she",
            "her",
            "hers",
            "we",
            "us",
            "our",
            "you",
            "your",
            "i",
            "me",
            "my",
            "who",
            "whom",
            "whose",
            "which",
            "what",
            "when",
            "where",
            "why",
            "how",
            "there",
            "here",
            "also",
            "such",
            "so",
            "very",
            "too",
            "just",
            "only",
            "both",
            "each",
            "either",
            "any",
            "all",
            "some",
            "most",
            "many",
            "much",
            "other",
            "another",
            "same",
            "own",
            "s",
            "t",
            "whether",
            "while",
            "although",
            "though",
            "because",
            "since",
            "until",
            "whereas",
            "thus",
            "therefore",
            "however",
            "hence",
            "moreover",
            "furthermore",
            "indeed",
            "yet",
            "still",
            "even",
            "well",
            "often",
            "usually",
            "generally",
            "et",
            "al",
            "eg",
            "ie",
            "vs",
            "one",
            "ones");

    /** Negation cues, lower case (contractions are expanded before tokenising: "doesn't" is "does not"). */
    static final Set<String> NEGATION = Set.of(
            "not",
            "no",
            "never",
            "none",
            "nobody",
            "nothing",
            "neither",
            "nor",
            "without",
            "lack",
            "lacks",
            "lacked",
            "lacking",
            "absence",
            "absent",
            "fail",
            "fails",
            "failed",
            "failing",
            "unable",
            "cannot",
            "incapable",
            "ineffective",
            "insignificant",
            "nonsignificant",
            "unaffected",
            "unchanged",
            "unrelated");

    /** Number words accepted as aliases of digits. "one" only matches, it never counts as a changed number. */
    static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", "1"),
            Map.entry("two", "2"),
            Map.entry("three", "3"),
            Map.entry("four", "4"),
            Map.entry("five", "5"),
            Map.entry("six", "6"),
            Map.entry("seven", "7"),
            Map.entry("eight", "8"),
            Map.entry("nine", "9"),
            Map.entry("ten", "10"),
            Map.entry("eleven", "11"),
            Map.entry("twelve", "12"),
            Map.entry("twenty", "20"),
            Map.entry("thirty", "30"),
            Map.entry("forty", "40"),
            Map.entry("fifty", "50"),
            Map.entry("hundred", "100"),
            Map.entry("thousand", "1000"),
            Map.entry("million", "1000000"),
            Map.entry("billion", "1000000000"),
            Map.entry("twice", "2"),
            Map.entry("double", "2"),
            Map.entry("half", "0.5"),
            Map.entry("single", "1"));

    static String stem(String lower) {
        EnglishStemmer s = STEMMER.get();
        s.setCurrent(lower);
        s.stem();
        return s.getCurrent();
    }

    static String normalizeNumber(String raw) {
        try {
            return new BigDecimal(raw.replace(",", "")).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** Expands "n't" to " not" and "cannot" to "can not", then tokenises. */
    static List<Tok> tokens(String text) {
        String t = NOT_CONTRACTION.matcher(text).replaceAll(" not");
        t = t.replaceAll("(?i)\\bcannot\\b", "can not");
        List<Tok> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(t);
        boolean first = true;
        while (m.find()) {
            String raw = m.group();
            Matcher nu = NUMBER_UNIT.matcher(raw);
            if (nu.matches()) {
                out.add(token(nu.group(1), out.size(), false));
                out.add(token(nu.group(2), out.size(), false));
            } else {
                out.add(token(raw, out.size(), first));
            }
            first = false;
        }
        return out;
    }

    private static Tok token(String raw, int index, boolean sentenceStart) {
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean hasDigit = false;
        boolean hasLetter = false;
        int upper = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            hasDigit |= Character.isDigit(c);
            hasLetter |= Character.isLetter(c);
            if (Character.isUpperCase(c)) {
                upper++;
            }
        }
        if (hasDigit && !hasLetter) {
            return new Tok(raw, lower, normalizeNumber(raw), Kind.NUMBER, false, index);
        }
        if (hasDigit) {
            return new Tok(raw, lower, lower, Kind.CODE, true, index);
        }
        boolean innerUpper = upper > 1 || upper == 1 && !Character.isUpperCase(raw.charAt(0));
        boolean capitalised = Character.isUpperCase(raw.charAt(0));
        boolean entity = innerUpper || capitalised && !sentenceStart && raw.length() > 1 && !STOP.contains(lower);
        return new Tok(raw, lower, stem(lower), Kind.WORD, entity, index);
    }

    /** Whether the token carries content (not a stop word, not a lone letter). */
    static boolean content(Tok t) {
        return t.kind() != Kind.WORD || !STOP.contains(t.lower()) && t.lower().length() > 1;
    }

    /** The presence keys of a text's tokens, number words added as digits. */
    static Set<String> keys(List<Tok> toks) {
        Set<String> out = new HashSet<>();
        for (Tok t : toks) {
            out.add(t.key());
            out.add(t.lower());
            String n = NUMBER_WORDS.get(t.lower());
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    static int negations(List<Tok> toks) {
        int n = 0;
        for (Tok t : toks) {
            if (NEGATION.contains(t.lower())) {
                n++;
            }
        }
        return n;
    }

    // ---- direction lexicon -------------------------------------------------------------------------------

    /** Polar axes: for each axis, words that go "up" and words that go "down". Matched by stem. */
    static final String[][][] AXES = {
        // amount, level and activity (increase/decrease, promote/inhibit, ...)
        {
            {
                "increase",
                "increases",
                "increased",
                "increasing",
                "increment",
                "rise",
                "rises",
                "rising",
                "risen",
                "rose",
                "raise",
                "raises",
                "raised",
                "elevate",
                "elevates",
                "elevated",
                "elevation",
                "heighten",
                "heightened",
                "boost",
                "boosts",
                "augment",
                "augmented",
                "augmentation",
                "enhance",
                "enhances",
                "enhanced",
                "enhancement",
                "amplify",
                "amplifies",
                "amplified",
                "amplification",
                "upregulate",
                "upregulates",
                "upregulated",
                "upregulation",
                "accumulate",
                "accumulation",
                "expand",
                "expansion",
                "exceed",
                "exceeds",
                "more",
                "greater",
                "higher",
                "larger",
                "high",
                "excess",
                "excessive",
                "gain",
                "gains",
                "potentiate",
                "potentiates",
                "potentiated",
                "exacerbate",
                "exacerbates",
                "exacerbated",
                "accelerate",
                "accelerates",
                "accelerated",
                "longer",
                "faster",
                "stronger",
                "most",
                "highest",
                "maximal",
                "overexpression",
                "activate",
                "activates",
                "activated",
                "activation",
                "activator",
                "induce",
                "induces",
                "induced",
                "induction",
                "promote",
                "promotes",
                "promoted",
                "promoting",
                "promotion",
                "stimulate",
                "stimulates",
                "stimulated",
                "stimulation",
                "trigger",
                "triggers",
                "triggered",
                "facilitate",
                "facilitates",
                "facilitated",
                "encourage",
                "encourages",
                "encouraged",
                "favor",
                "favors",
                "favour",
                "favours",
                "agonist",
                "sensitize",
                "sensitizes",
                "abundant",
                "frequent",
                "expanded",
                "plentiful"
            },
            {
                "decrease",
                "decreases",
                "decreased",
                "decreasing",
                "decline",
                "declines",
                "declined",
                "reduce",
                "reduces",
                "reduced",
                "reducing",
                "reduction",
                "reductions",
                "diminish",
                "diminishes",
                "diminished",
                "drop",
                "drops",
                "dropped",
                "fall",
                "falls",
                "fell",
                "fallen",
                "lower",
                "lowers",
                "lowered",
                "lowering",
                "less",
                "fewer",
                "smaller",
                "low",
                "lesser",
                "loss",
                "losses",
                "lose",
                "loses",
                "lost",
                "deplete",
                "depleted",
                "depletion",
                "attenuate",
                "attenuates",
                "attenuated",
                "attenuation",
                "downregulate",
                "downregulates",
                "downregulated",
                "downregulation",
                "shrink",
                "shrinks",
                "deficit",
                "deficiency",
                "deficient",
                "lessen",
                "lessens",
                "minimize",
                "minimal",
                "limit",
                "limits",
                "limited",
                "shorter",
                "slower",
                "weaker",
                "slow",
                "slows",
                "slowed",
                "delay",
                "delays",
                "delayed",
                "least",
                "lowest",
                "knockdown",
                "depletes",
                "inhibit",
                "inhibits",
                "inhibited",
                "inhibiting",
                "inhibition",
                "inhibitor",
                "inhibitory",
                "suppress",
                "suppresses",
                "suppressed",
                "suppression",
                "repress",
                "represses",
                "repressed",
                "repression",
                "block",
                "blocks",
                "blocked",
                "blockade",
                "prevent",
                "prevents",
                "prevented",
                "prevention",
                "antagonize",
                "antagonist",
                "impede",
                "impedes",
                "hinder",
                "hinders",
                "hamper",
                "hampers",
                "inactivate",
                "inactivates",
                "inactivated",
                "inactivation",
                "deactivate",
                "abolish",
                "abolishes",
                "abolished",
                "abrogate",
                "abrogates",
                "abrogated",
                "disrupt",
                "disrupts",
                "disrupted",
                "silence",
                "silenced",
                "arrest",
                "arrests",
                "counteract",
                "counteracts",
                "interfere",
                "interferes",
                "desensitize",
                "scarce",
                "rare",
                "infrequent"
            }
        },
        // valence / outcome
        {
            {
                "improve",
                "improves",
                "improved",
                "improvement",
                "benefit",
                "benefits",
                "beneficial",
                "better",
                "superior",
                "effective",
                "efficacious",
                "efficacy",
                "favorable",
                "favourable",
                "success",
                "successful",
                "safe",
                "safer",
                "recover",
                "recovery",
                "restore",
                "restores",
                "restored",
                "alleviate",
                "alleviates",
                "relieve",
                "relieves",
                "ameliorate",
                "ameliorates",
                "cure",
                "cures",
                "heal",
                "survive",
                "survival",
                "protect",
                "protects",
                "protected",
                "protective",
                "protection",
                "outperform",
                "outperforms"
            },
            {
                "worsen",
                "worsens",
                "worsened",
                "deteriorate",
                "deteriorates",
                "deterioration",
                "harm",
                "harms",
                "harmful",
                "detrimental",
                "adverse",
                "inferior",
                "worse",
                "ineffective",
                "damage",
                "damages",
                "damaged",
                "toxic",
                "toxicity",
                "failure",
                "unfavorable",
                "unfavourable",
                "unsafe",
                "impair",
                "impairs",
                "impaired",
                "impairment",
                "risk",
                "risks",
                "hazard",
                "hazardous",
                "underperform"
            }
        },
        // importance
        {
            {
                "important",
                "importance",
                "key",
                "major",
                "central",
                "pivotal",
                "vital",
                "significant",
                "substantial",
                "strong",
                "strongly",
                "robust",
                "marked",
                "markedly",
                "dramatic",
                "dramatically",
                "considerable"
            },
            {
                "trivial",
                "minor",
                "negligible",
                "marginal",
                "irrelevant",
                "unimportant",
                "modest",
                "weak",
                "weakly",
                "slight",
                "slightly",
                "little",
                "small",
                "insignificant",
                "nonsignificant"
            }
        },
        // accuracy / validity
        {
            {
                "accurate",
                "accurately",
                "accuracy",
                "reliable",
                "reliably",
                "valid",
                "correct",
                "correctly",
                "precise",
                "consistent",
                "consistently",
                "predictive"
            },
            {
                "inaccurate",
                "inaccuracy",
                "unreliable",
                "invalid",
                "incorrect",
                "incorrectly",
                "imprecise",
                "inconsistent",
                "overestimate",
                "overestimates",
                "underestimate",
                "underestimates"
            }
        },
        // association sign
        {{"positive", "positively", "direct", "directly"}, {"negative", "negatively", "inverse", "inversely"}},
        // necessity
        {
            {
                "require",
                "requires",
                "required",
                "requirement",
                "necessary",
                "essential",
                "needed",
                "indispensable",
                "critical",
                "crucial",
                "sufficient"
            },
            {"dispensable", "unnecessary", "redundant", "nonessential", "independent", "independently", "insufficient"}
        },
        // presence
        {
            {"present", "presence", "detectable", "detected", "express", "expresses", "expressed", "expression"},
            {"absent", "absence", "undetectable", "undetected", "lack", "lacks", "lacking", "devoid"}
        },
        // susceptibility
        {
            {"susceptible", "susceptibility", "sensitive", "sensitivity", "vulnerable", "vulnerability"},
            {"resistant", "resistance", "immune", "tolerant", "tolerance", "insensitive"}
        },
        // timing
        {
            {"early", "earlier", "before", "precede", "precedes", "preceded"},
            {"late", "later", "after", "follow", "follows", "followed"}
        },
    };

    /** Null-effect cues: the text says nothing changed or differed. */
    static final Set<String> NULL_EFFECT = Set.of(
            "similar",
            "similarly",
            "comparable",
            "unchanged",
            "unaffected",
            "unaltered",
            "equivalent",
            "equal",
            "identical",
            "indistinguishable",
            "unrelated",
            "irrespective",
            "regardless",
            "nonsignificant",
            "insignificant",
            "same");

    private static final Map<String, int[]> POLARITY = new HashMap<>();

    static {
        for (int a = 0; a < AXES.length; a++) {
            for (int side = 0; side < 2; side++) {
                for (String w : AXES[a][side]) {
                    POLARITY.putIfAbsent(stem(w), new int[] {a, side == 0 ? 1 : -1});
                    POLARITY.putIfAbsent(w, new int[] {a, side == 0 ? 1 : -1});
                }
            }
        }
    }

    /** The axis and sign (+1 up, -1 down) of a token, or null. */
    static int[] polarity(Tok t) {
        if (t.kind() != Kind.WORD) {
            return null;
        }
        int[] p = POLARITY.get(t.lower());
        return p != null ? p : POLARITY.get(t.key());
    }

    /** Per axis: bit 1 = has an "up" word, bit 2 = has a "down" word. */
    static int[] directions(List<Tok> toks) {
        int[] d = new int[AXES.length];
        for (Tok t : toks) {
            int[] p = polarity(t);
            if (p != null) {
                d[p[0]] |= p[1] > 0 ? 1 : 2;
            }
        }
        return d;
    }

    private static final Pattern ABBREVIATION = Pattern.compile("\\(([\\p{L}][\\p{L}\\p{N}-]{1,9})\\)");

    /**
     * Abbreviations a text defines, as in "pyridostatin (PDS)": the abbreviation (at least two capitals) and its long
     * form, the shortest run of the preceding words that starts with the abbreviation's first letter.
     */
    static Map<String, String> abbreviations(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = ABBREVIATION.matcher(text);
        while (m.find()) {
            String abbr = m.group(1);
            int caps = 0;
            for (int i = 0; i < abbr.length(); i++) {
                caps += Character.isUpperCase(abbr.charAt(i)) ? 1 : 0;
            }
            if (caps < 2 || out.containsKey(abbr)) {
                continue;
            }
            String before =
                    text.substring(Math.max(0, m.start() - 120), m.start()).strip();
            String[] words = before.split("\\s+");
            int maxWords = Math.min(words.length, abbr.length() + 2);
            char first = Character.toLowerCase(abbr.charAt(0));
            for (int k = 1; k <= maxWords; k++) {
                String w = words[words.length - k];
                if (!w.isEmpty() && Character.toLowerCase(w.charAt(0)) == first) {
                    String longForm = String.join(
                                    " ", java.util.Arrays.copyOfRange(words, words.length - k, words.length))
                            .replaceAll("[,;:]$", "");
                    if (!longForm.equalsIgnoreCase(abbr)) {
                        out.put(abbr, longForm);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** The sentence with each defined abbreviation that it uses (not defines) replaced by its long form. */
    static String expand(String sentence, Map<String, String> abbreviations) {
        String out = sentence;
        for (Map.Entry<String, String> e : abbreviations.entrySet()) {
            if (out.contains(e.getKey())) {
                out = out.replaceAll(
                        "(?<![\\p{L}\\p{N}(])" + Pattern.quote(e.getKey()) + "(?![\\p{L}\\p{N})])",
                        Matcher.quoteReplacement(e.getValue()));
            }
        }
        return out;
    }

    static boolean nullEffect(List<Tok> toks) {
        for (int i = 0; i < toks.size(); i++) {
            String w = toks.get(i).lower();
            if (NULL_EFFECT.contains(w)) {
                return true;
            }
            if ((w.equals("no") || w.equals("not") || w.equals("little")) && i + 1 < toks.size()) {
                String next = toks.get(i + 1).lower();
                String next2 = i + 2 < toks.size() ? toks.get(i + 2).lower() : "";
                if (next.startsWith("differ")
                        || next.startsWith("effect")
                        || next.startsWith("signific")
                        || next.startsWith("associat")
                        || next.startsWith("correlat")
                        || next.startsWith("chang")
                        || next.startsWith("affect")
                        || next.startsWith("impact")
                        || next.startsWith("influenc")
                        || next.startsWith("alter")
                        || next.startsWith("relat")
                        || next2.startsWith("differ")
                        || next2.startsWith("effect")
                        || next2.startsWith("associat")
                        || next2.startsWith("correlat")
                        || next2.startsWith("chang")
                        || next2.startsWith("affect")) {
                    return true;
                }
            }
        }
        return false;
    }
}

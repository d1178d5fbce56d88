package io.ragplatform.api.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic batch of small text documents (Markdown and plain text): each a title and a few sections of its own
 * plus one or two sections from a shared pool (so that chunks are shared between documents), and a few later uploads
 * that update an earlier sourceId with changed content (a section edited, one added, a shared one dropped).
 */
final class Corpus {
    private Corpus() {}

    /** One upload of the batch. */
    record Upload(int index, String sourceId, String fileName, byte[] bytes, int variant) {
        boolean sameContent(Upload other) {
            return other != null && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public String toString() {
            return "#" + index + " " + sourceId + " v" + variant;
        }
    }

    static final int SOURCES = 34;
    /** batch index -> {source number, variant}: updates of sources uploaded earlier in the batch. */
    private static final Map<Integer, int[]> UPDATES = Map.of(
            5, new int[] {1, 2},
            9, new int[] {3, 2},
            16, new int[] {1, 3},
            21, new int[] {7, 2},
            27, new int[] {11, 2},
            33, new int[] {20, 2});

    static final int SIZE = SOURCES + UPDATES.size();

    private static final String[][] SHARED = {
        {
            "Data Retention Baseline",
            "Every record produced by a research team is kept for ninety days unless a longer hold applies. "
                    + "Expired records are erased by the nightly sweeper and the erasure is logged with the record identifier."
        },
        {
            "Incident Escalation Path",
            "The on-call lead is paged first and answers within fifteen minutes. "
                    + "If nobody answers, the secondary lead and the duty manager are paged together on the incident bridge."
        },
        {
            "Access Review Cadence",
            "Access to shared clusters is reviewed every quarter by the owning team. "
                    + "Accounts without activity for sixty days are suspended and their keys are revoked automatically."
        },
        {
            "Model Release Checklist",
            "A model leaves the lab only after the evaluation report, the data card and the safety review "
                    + "are attached to its release ticket. The release manager signs the ticket last."
        },
        {
            "Compute Budget Rules",
            "Each project receives a monthly accelerator budget in node hours. "
                    + "Unused hours expire at the end of the month and overruns need written approval from the budget owner."
        },
        {
            "Dataset Provenance Notes",
            "Every dataset entry names its origin, its licence and the person who imported it. "
                    + "Entries without a licence are quarantined until the legal desk has reviewed them."
        },
    };

    private static final String[] SUBJECTS = {
        "The archive team",
        "Our lantern group",
        "The platform crew",
        "A quokka pilot",
        "The storage guild",
        "The evaluation cell",
        "The tokenizer squad",
        "The harbour unit",
        "A night operator",
        "The mapping desk"
    };
    private static final String[] VERBS = {
        "calibrates",
        "reviews",
        "migrates",
        "audits",
        "replays",
        "rebalances",
        "annotates",
        "compresses",
        "inspects",
        "schedules"
    };
    private static final String[] OBJECTS = {
        "the shard catalogue",
        "the vector snapshots",
        "the weekly digest",
        "the crawl queue",
        "the labelling backlog",
        "the checkpoint ledger",
        "the gradient archive",
        "the bridge rota",
        "the sample vault",
        "the metric journal"
    };
    private static final String[] WHEN = {
        "before every sprint",
        "after each outage",
        "on alternate Tuesdays",
        "during the quiet hours",
        "whenever the queue overflows",
        "at the start of each quarter",
        "once the freeze lifts",
        "after the audit closes"
    };
    private static final String[] TOPICS = {
        "Lantern Calibration",
        "Shard Migration",
        "Checkpoint Hygiene",
        "Crawl Scheduling",
        "Label Review",
        "Vault Rotation",
        "Bridge Staffing",
        "Metric Journals",
        "Snapshot Pruning",
        "Queue Drains"
    };

    /** The whole batch, in upload order. */
    static List<Upload> batch() {
        List<Upload> out = new ArrayList<>(SIZE);
        int nextSource = 0;
        for (int i = 0; i < SIZE; i++) {
            int[] update = UPDATES.get(i);
            int src = update != null ? update[0] : nextSource++;
            int variant = update != null ? update[1] : 1;
            out.add(upload(i, src, variant));
        }
        if (nextSource != SOURCES) {
            throw new IllegalStateException("batch has " + nextSource + " sources, expected " + SOURCES);
        }
        return List.copyOf(out);
    }

    static int distinctSources(List<Upload> batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(u -> ids.add(u.sourceId()));
        return ids.size();
    }

    private static Upload upload(int index, int src, int variant) {
        boolean markdown = src % 3 != 2;
        String sourceId = String.format("crash-it/src-%02d", src);
        String fileName = String.format("note-%02d.%s", src, markdown ? "md" : "txt");
        return new Upload(
                index, sourceId, fileName, text(src, variant, markdown).getBytes(StandardCharsets.UTF_8), variant);
    }

    /** A document: title, 3-4 sections of its own, 1-2 shared sections (never first, so they chunk alike everywhere). */
    static String text(int src, int variant, boolean markdown) {
        Random r = new Random(7919L * (src + 1));
        List<String[]> sections = new ArrayList<>();
        int own = 3 + r.nextInt(2);
        for (int s = 0; s < own; s++) {
            sections.add(new String[] {
                TOPICS[(src + s * 3) % TOPICS.length] + " Notes for Unit " + word(src) + " Part " + word(s),
                paragraph(r, src, s, 0) + "\n\n" + paragraph(r, src, s, 1)
            });
        }
        int shared = 1 + src % 2;
        for (int j = 0; j < shared; j++) {
            String[] sec = SHARED[(src * 5 + j * 2) % SHARED.length];
            sections.add(1 + r.nextInt(sections.size()), sec);
        }
        if (variant >= 2) {
            // edit one own section, add one, drop a shared section when there are two
            String[] edited = sections.get(0);
            sections.set(0, new String[] {
                edited[0],
                edited[1] + " Revised in edition " + word(variant) + " after the review of unit " + word(src) + "."
            });
            sections.add(new String[] {
                "Addendum for Edition " + word(variant),
                paragraph(new Random(src * 31L + variant), src, 90 + variant, 0)
            });
            if (shared == 2) {
                for (int k = sections.size() - 1; k > 0; k--) {
                    if (isShared(sections.get(k))) {
                        sections.remove(k);
                        break;
                    }
                }
            }
        }
        if (variant >= 3) {
            // drop the section the previous edition added first
            sections.remove(sections.size() > 2 ? 1 : 0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(markdown ? "# " : "")
                .append("Operations Handbook of Unit ")
                .append(word(src))
                .append("\n\n");
        for (String[] sec : sections) {
            sb.append(markdown ? "## " : "")
                    .append(sec[0])
                    .append("\n\n")
                    .append(sec[1])
                    .append("\n\n");
        }
        return sb.toString();
    }

    private static boolean isShared(String[] section) {
        for (String[] s : SHARED) {
            if (s[0].equals(section[0])) {
                return true;
            }
        }
        return false;
    }

    private static String paragraph(Random r, int src, int section, int para) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            sb.append(SUBJECTS[r.nextInt(SUBJECTS.length)])
                    .append(' ')
                    .append(VERBS[r.nextInt(VERBS.length)])
                    .append(' ')
                    .append(OBJECTS[r.nextInt(OBJECTS.length)])
                    .append(' ')
                    .append(WHEN[r.nextInt(WHEN.length)])
                    .append(" under ticket ")
                    .append(ticket(src, section, para, k))
                    .append(". ");
        }
        return sb.toString().strip();
    }

    /** Unique per document, section, paragraph and sentence: keeps each own section's text (and chunk) distinct. */
    private static String ticket(int src, int section, int para, int sentence) {
        return "OPS-" + (1000 + src) + "-" + section + para + sentence;
    }

    private static final String[] WORDS = {
        "Alder",
        "Birch",
        "Cedar",
        "Dogwood",
        "Elm",
        "Fir",
        "Ginkgo",
        "Hazel",
        "Ivy",
        "Juniper",
        "Kapok",
        "Larch",
        "Maple",
        "Nutmeg",
        "Oak",
        "Pine",
        "Quince",
        "Rowan",
        "Spruce",
        "Teak",
        "Umbrella",
        "Vine",
        "Willow",
        "Xylosma",
        "Yew",
        "Zelkova",
        "Acacia",
        "Baobab",
        "Cypress",
        "Date",
        "Ebony",
        "Fig",
        "Guava",
        "Hemlock",
        "Iroko",
        "Jacaranda",
        "Kiwi",
        "Lime",
        "Mango",
        "Neem",
        "Olive",
        "Poplar",
        "Quassia",
        "Redwood",
        "Sumac",
        "Tamarind"
    };

    /** Numbers as words, so that headings do not look like numbered list items. */
    private static String word(int n) {
        return WORDS[n % WORDS.length] + (n >= WORDS.length ? WORDS[(n / WORDS.length) % WORDS.length] : "");
    }
}

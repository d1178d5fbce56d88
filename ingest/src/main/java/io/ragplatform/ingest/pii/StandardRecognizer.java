package io.ragplatform.ingest.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rules of every type, and the resolution of their overlapping candidates. */
final class StandardRecognizer implements PiiRecognizer {
    static final StandardRecognizer INSTANCE = new StandardRecognizer();

    private static final List<Rule> RULES = List.of(
            new SecretRule(),
            new EmailRule(),
            new IbanRule(),
            new ResidentIdRule(),
            new CardRule(),
            new IpRule(),
            new PhoneRule());

    /** Which candidate wins an overlap: the more specific type, then the longer span, then the earlier one. */
    private static final Comparator<PiiSpan> PRECEDENCE = Comparator.comparingInt((PiiSpan s) -> rank(s.type()))
            .thenComparing(Comparator.comparingInt(PiiSpan::length).reversed())
            .thenComparingInt(PiiSpan::start);

    private StandardRecognizer() {}

    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> candidates = new ArrayList<>();
        Scan scan = new Scan(text);
        for (Rule r : RULES) {
            r.find(scan, candidates);
        }
        if (candidates.size() <= 1) {
            return candidates;
        }
        candidates.sort(PRECEDENCE);
        TreeMap<Integer, PiiSpan> kept = new TreeMap<>();
        for (PiiSpan c : candidates) {
            Map.Entry<Integer, PiiSpan> before = kept.floorEntry(c.start());
            Map.Entry<Integer, PiiSpan> after = kept.ceilingEntry(c.start());
            if ((before == null || !before.getValue().overlaps(c))
                    && (after == null || !after.getValue().overlaps(c))) {
                kept.put(c.start(), c);
            }
        }
        return List.copyOf(kept.values());
    }

    private static int rank(PiiType type) {
        return switch (type) {
            case SECRET -> 0;
            case EMAIL -> 1;
            case IBAN -> 2;
            case ID_NUMBER -> 3; // a date and a mod-11 check are more than a card's Luhn
            case CARD -> 4;
            case IP -> 5;
            case PHONE -> 6;
        };
    }
}

package io.ragplatform.eval.grounded;

import java.util.List;

/** The hand-written cases of AlignContrastScorerTest that the grids count (claims against their contexts). */
final class HandCases {
    private HandCases() {}

    /** The features of every case under one scorer. */
    record Scored(
            List<AlignContrastScorer.Features> added,
            List<AlignContrastScorer.Features> faithful,
            List<AlignContrastScorer.Features> numberChanged,
            List<AlignContrastScorer.Features> numberKept) {}

    static Scored score(AlignContrastScorer align) {
        return new Scored(
                features(align, ADDED, CONTEXT),
                features(align, FAITHFUL, CONTEXT),
                features(align, NUMBER_CHANGED, HANDBOOK),
                features(align, NUMBER_KEPT, HANDBOOK));
    }

    private static List<AlignContrastScorer.Features> features(
            AlignContrastScorer align, List<String> claims, List<String> context) {
        return claims.stream().map(c -> align.features(c, context)).toList();
    }

    /** The added-fact cases: each added claim must fall below the threshold, the faithful paraphrase stay above. */
    static final List<String> CONTEXT = List.of("Lost laptops are reported to the service desk within one hour.");

    static final List<String> ADDED = List.of(
            "They are wiped remotely.",
            "Lost laptops are wiped remotely by the security team.",
            "The laptop is then wiped remotely and replaced within a day.",
            "Lost laptops are reported to the service desk within five days.");
    static final List<String> FAITHFUL = List.of("A lost laptop must be reported to the service desk within an hour.");

    /**
     * The changed-number cases: retrieved handbook chunks where 90 days is stated, but not
     * for backups. Each changed claim must fall below the threshold, each faithful one stay at or above it.
     */
    static final List<String> HANDBOOK = List.of(
            "Production databases are backed up every night at 01:00 UTC,"
                    + " with transaction logs shipped every 15 minutes. Full backups are kept for 35 days and monthly snapshots"
                    + " for 13 months. File shares and the document archive are backed up once a day, and the backups are"
                    + " copied to a second cloud region so that a regional outage does not affect recovery.",
            "Signing keys are rotated every 90 days, and the new public key is published one week before the old one"
                    + " expires.",
            "Access reviews run every 90 days for privileged accounts and every 180 days for all others.");

    static final List<String> NUMBER_CHANGED =
            List.of("Backups are kept for 90 days.", "Monthly snapshots are kept for 12 months.");
    static final List<String> NUMBER_KEPT = List.of(
            "Full backups are kept for 35 days.",
            "Monthly snapshots are kept for 13 months.",
            "Transaction logs are shipped every 15 minutes.",
            "Full backups are kept for 35 days, and signing keys are rotated every 90 days.");
}

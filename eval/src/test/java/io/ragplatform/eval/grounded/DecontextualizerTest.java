package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pronouns resolved from the claim before, only where the subject agrees with the pronoun. */
class DecontextualizerTest {
    @Test
    void a_pronoun_takes_the_subject_of_the_claim_before() {
        assertEquals(
                List.of("Ann asks Mike to buy butter.", "Ann also asks for milk.", "Ann’s list is long."),
                Decontextualizer.resolve(
                        List.of("Ann asks Mike to buy butter.", "She also asks for milk.", "Her list is long.")));
        assertEquals(
                "The podcast episode ends with a quiz.",
                Decontextualizer.resolve("It ends with a quiz.", "The podcast episode is about a group of friends."));
        assertEquals(
                "Ann and Mike plan a party.",
                Decontextualizer.resolve("They plan a party.", "Ann and Mike discuss the weekend."));
        assertEquals(
                "The group rated the remote a two.",
                Decontextualizer.resolve("They rated the remote a two.", "The group discussed the remote control."));
        assertEquals(
                "The Simmers Digest Podcast will feature news.",
                Decontextualizer.resolve("It will feature news.", "The Simmers Digest Podcast is a new podcast."));
    }

    @Test
    void a_pronoun_that_agrees_with_no_subject_is_left_as_written() {
        assertEquals(
                "They discuss his impact.",
                Decontextualizer.resolve(
                        "They discuss his impact.", "The document is a conversation between two people."),
                "\"they\" does not stand for a singular document");
        assertEquals(
                "She agrees.",
                Decontextualizer.resolve("She agrees.", "Ann and Mike discuss the weekend."),
                "\"she\" does not stand for two people");
        assertEquals(
                "He left early.",
                Decontextualizer.resolve("He left early.", "During the meeting, Professor C spoke first."),
                "an opening phrase is no subject");
        assertEquals("It rains.", Decontextualizer.resolve("It rains.", "Ann asks Mike."), "\"it\" is no person");
        assertEquals(List.of("She agrees."), Decontextualizer.resolve(List.of("She agrees.")), "no claim before");
        assertEquals(
                "Mike agrees.", Decontextualizer.resolve("Mike agrees.", "Ann asks Mike."), "no pronoun, no change");
    }
}

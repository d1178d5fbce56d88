package io.ragplatform.eval.grounded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmJudgeScorerTest {
    /** Test double: answers with the given replies in turn and records the requests. */
    static final class FakeChatModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        private final Iterator<String> replies;

        FakeChatModel(String... replies) {
            this.replies = List.of(replies).iterator();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(replies.next()))
                    .build();
        }
    }

    @Test
    void mapsVerdictsToScores() {
        assertEquals(1.0, new LlmJudgeScorer(new FakeChatModel("SUPPORTED")).support("c", List.of("ctx")));
        assertEquals(0.0, new LlmJudgeScorer(new FakeChatModel("CONTRADICTED")).support("c", List.of("ctx")));
        assertEquals(0.0, new LlmJudgeScorer(new FakeChatModel("Unsupported.")).support("c", List.of("ctx")));
        assertEquals(
                0.8,
                new LlmJudgeScorer(new FakeChatModel("SUPPORTED, confidence: 0.8")).support("c", List.of("ctx")),
                1e-9);
    }

    @Test
    void sendsTheClaimAndTheContexts() {
        FakeChatModel model = new FakeChatModel("SUPPORTED");
        new LlmJudgeScorer(model).support("Ice is cold.", List.of("Ice is frozen water.", "It is cold."));
        List<ChatMessage> messages = model.requests.get(0).messages();
        assertTrue(messages.get(0) instanceof SystemMessage);
        String user = ((UserMessage) messages.get(1)).singleText();
        assertTrue(user.contains("[1] Ice is frozen water."), user);
        assertTrue(user.contains("[2] It is cold."), user);
        assertTrue(user.contains("Claim: Ice is cold."), user);
    }

    @Test
    void cutsLongContexts() {
        FakeChatModel model = new FakeChatModel("SUPPORTED");
        new LlmJudgeScorer(model, 200).support("c", List.of("x".repeat(150), "y".repeat(150), "z".repeat(10)));
        String user = ((UserMessage) model.requests.get(0).messages().get(1)).singleText();
        assertEquals(50, user.chars().filter(ch -> ch == 'y').count());
        assertTrue(!user.contains("z"), user);
    }

    @Test
    void asksAgainOnceThenFailsWithoutAVerdict() {
        FakeChatModel model = new FakeChatModel("hmm", "CONTRADICTED");
        assertEquals(0.0, new LlmJudgeScorer(model).support("c", List.of("ctx")));
        assertEquals(2, model.requests.size());
        assertThrows(
                IllegalStateException.class,
                () -> new LlmJudgeScorer(new FakeChatModel("maybe", "perhaps")).support("c", List.of("ctx")));
    }

    @Test
    void noContextsNoCall() {
        FakeChatModel model = new FakeChatModel();
        assertEquals(0.0, new LlmJudgeScorer(model).support("c", List.of()));
        assertTrue(model.requests.isEmpty());
    }

    @Test
    void parsesReplies() {
        assertNull(LlmJudgeScorer.parse(null));
        assertNull(LlmJudgeScorer.parse("I cannot tell"));
        assertEquals(0.0, LlmJudgeScorer.parse("NOT SUPPORTED"));
        assertEquals(1.0, LlmJudgeScorer.parse("Verdict: supported"));
    }

    @Test
    void worksInTheEvaluator() {
        Groundedness g = new Groundedness(new LlmJudgeScorer(new FakeChatModel("SUPPORTED", "CONTRADICTED")), 0.5);
        GroundednessResult r =
                g.evaluate("Ice is cold. Ice is hot.", List.of("Ice is cold.")).orElseThrow();
        assertEquals(0.5, r.groundedness());
        assertEquals(List.of("Ice is hot."), r.unsupportedClaims());
        assertEquals("llm-judge", r.scorer());
    }

    @Test
    void the_judge_names_its_model_for_the_run_pins() {
        ChatModel named = dev.langchain4j.model.openai.OpenAiChatModel.builder()
                .baseUrl("http://localhost:1/v1")
                .apiKey("none")
                .modelName("llama3.1:8b")
                .build();
        assertEquals("llama3.1:8b", new LlmJudgeScorer(named).modelId());
        assertEquals("FakeChatModel", new LlmJudgeScorer(new FakeChatModel("SUPPORTED")).modelId());
    }
}

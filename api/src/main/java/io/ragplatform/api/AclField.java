package io.ragplatform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The form field {@code acl} of an upload or import: a JSON array of group names, or {@code ["public"]}. Only its
 * shape is checked here ({@code invalid_acl}); the groups' limits are the ingest pipeline's (Acl.of:
 * {@code invalid_request} naming the limit).
 */
final class AclField {
    private AclField() {}

    static List<String> parse(String acl) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(acl);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_acl", "acl is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isArray()) {
            throw ApiException.badRequest(
                    "invalid_acl", "acl must be a JSON array of group names, e.g. [\"finance\"] or [\"public\"]");
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode g : node) {
            if (!g.isTextual()) {
                throw ApiException.badRequest("invalid_acl", "acl entries must be strings; found " + g);
            }
            groups.add(g.asText());
        }
        return groups;
    }
}

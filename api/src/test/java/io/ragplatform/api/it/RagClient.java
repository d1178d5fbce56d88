package io.ragplatform.api.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The service's REST API over {@link HttpClient}, answers as Jackson trees. */
final class RagClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    RagClient(ServiceProcess service) {
        this.service = service;
    }

    record Answer(int status, JsonNode body) {
        JsonNode ok() {
            if (status != 200) {
                throw new AssertionError("expected 200, got " + status + ": " + body);
            }
            return body;
        }
    }

    /** {@code POST /v1/documents}; throws {@link IOException} when the connection fails (e.g. the service was killed). */
    Answer upload(String fileName, byte[] content, String sourceId) throws IOException, InterruptedException {
        String boundary = "----rag-it-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n",
                content);
        part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"sourceId\"\r\n",
                sourceId.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest req = HttpRequest.newBuilder(service.uri("/v1/documents"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return answer(http.send(req, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static void part(ByteArrayOutputStream out, String boundary, String headers, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Upload that must succeed (no service kill expected). */
    JsonNode uploadOk(String fileName, byte[] content, String sourceId) {
        try {
            return upload(fileName, content, sourceId).ok();
        } catch (IOException e) {
            throw new UncheckedIOException("upload of " + sourceId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery) {
        HttpRequest req = HttpRequest.newBuilder(service.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            return answer(http.send(req, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode check() {
        return get("/v1/index/check").ok();
    }

    JsonNode versions() {
        return get("/v1/index/versions").ok();
    }

    Answer documentsOf(String sourceId) {
        return get("/v1/documents?sourceId=" + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
    }

    Answer chunk(String chunkId) {
        return get("/v1/chunks/" + chunkId);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Answer answer(HttpResponse<byte[]> r) throws IOException {
        byte[] b = r.body();
        if (b == null || b.length == 0) {
            return new Answer(r.statusCode(), JSON.nullNode());
        }
        try {
            return new Answer(r.statusCode(), JSON.readTree(b));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Answer(r.statusCode(), JSON.getNodeFactory().textNode(new String(b, StandardCharsets.UTF_8)));
        }
    }
}

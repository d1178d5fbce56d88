package io.ragplatform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JAX-RS resource method of the service declares the least role it needs, so a new endpoint cannot be
 * forgotten (it would need admin by {@code quarkus.security.jaxrs.default-roles-allowed}, and fail here); and the
 * roles are those of the table in the README.
 */
class EndpointRolesTest {
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /v1/search", "reader"),
            Map.entry("GET /v1/documents", "reader"),
            Map.entry("GET /v1/documents/{documentId}", "reader"),
            Map.entry("GET /v1/chunks/{chunkId}", "reader"),
            Map.entry("GET /v1/chunks/{chunkId}/lineage", "reader"),
            Map.entry("GET /v1/sources", "reader"),
            Map.entry("GET /v1/jobs", "reader"),
            Map.entry("GET /v1/jobs/{id}", "reader"),
            Map.entry("POST /v1/jobs/{id}/resume", "writer"),
            Map.entry("GET /v1/index", "reader"),
            Map.entry("GET /v1/index/versions", "reader"),
            Map.entry("GET /v1/eval/sets", "reader"),
            Map.entry("GET /v1/eval/sets/{name}", "reader"),
            Map.entry("GET /v1/eval/sets/{name}/versions/{version}", "reader"),
            Map.entry("GET /v1/eval/sets/{name}/diff", "reader"),
            Map.entry("GET /v1/eval/runs", "reader"),
            Map.entry("GET /v1/eval/runs/{id}", "reader"),
            Map.entry("GET /v1/eval/runs/{id}/results", "reader"),
            Map.entry("GET /v1/eval/runs/{id}/report", "reader"),
            Map.entry("GET /v1/eval/runs/compare", "reader"),
            Map.entry("GET /v1/auth/me", "reader"),
            Map.entry("POST /v1/documents", "writer"),
            Map.entry("DELETE /v1/documents", "writer"),
            Map.entry("DELETE /v1/documents/{documentId}", "writer"),
            Map.entry("POST /v1/sources/{name}/sync", "writer"),
            Map.entry("GET /v1/ingest/failures", "writer"),
            Map.entry("POST /v1/eval/sets/{name}", "writer"),
            Map.entry("POST /v1/eval/runs", "writer"),
            Map.entry("POST /v1/eval/runs/{id}/rerun", "writer"),
            Map.entry("POST /v1/eval/sets/{name}/beir", "writer"),
            Map.entry("POST /v1/eval/sets/{name}/chatlog", "writer"),
            Map.entry("GET /v1/index/check", "admin"),
            Map.entry("GET /v1/audit/log", "admin"),
            Map.entry("GET /v1/audit", "admin"),
            Map.entry("GET /v1/audit/history", "admin"),
            Map.entry("POST /v1/audit", "admin"),
            Map.entry("GET /v1/documents/{documentId}/redactions", "admin"),
            Map.entry("GET /v1/quarantine", "admin"),
            Map.entry("GET /v1/quarantine/{id}", "admin"),
            Map.entry("DELETE /v1/quarantine/{id}", "admin"),
            Map.entry("POST /v1/quarantine/{id}/retry", "admin")));

    /** The service's resource classes: the classes with {@code @Path} in the main output, not the test ones. */
    static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        java.nio.file.Path root = java.nio.file.Path.of(SearchResource.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (!rel.endsWith(".class") || rel.contains("$")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> c = Class.forName(name, false, EndpointRolesTest.class.getClassLoader());
                    if (c.isAnnotationPresent(Path.class)) {
                        out.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
        return out;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String path(Class<?> c, Method m) {
        String base = c.getAnnotation(Path.class).value();
        Path sub = m.getAnnotation(Path.class);
        String p = sub == null ? base : base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void every_resource_method_declares_its_role_and_the_roles_are_the_documented_ones() throws Exception {
        List<Class<?>> classes = resourceClasses();
        assertTrue(classes.size() >= 9, "found " + classes);
        Map<String, String> actual = new TreeMap<>();
        List<String> undeclared = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                String endpoint = verb + " " + path(c, m);
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class)
                        ? m.getAnnotation(RolesAllowed.class)
                        : c.getAnnotation(RolesAllowed.class);
                boolean declared =
                        roles != null || m.isAnnotationPresent(PermitAll.class) || m.isAnnotationPresent(DenyAll.class);
                if (!declared) {
                    undeclared.add(c.getSimpleName() + "." + m.getName() + " (" + endpoint + ")");
                    continue;
                }
                String role = roles == null ? "(permit/deny all)" : String.join(",", roles.value());
                String before = actual.put(endpoint, role);
                // two methods of one endpoint (by media type) must agree
                assertTrue(before == null || before.equals(role), endpoint + ": " + before + " and " + role);
            }
        }
        assertEquals(List.of(), undeclared, "resource methods without a declared role");
        assertEquals(EXPECTED, actual);
    }
}

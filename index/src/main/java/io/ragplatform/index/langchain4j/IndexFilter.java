package io.ragplatform.index.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import io.ragplatform.index.AccessScope;
import io.ragplatform.index.LicenseFilter;
import io.ragplatform.index.SearchFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The index's filter as translated from a LangChain4j metadata {@link Filter}.
 *
 * @param filter what the index filters on
 * @param unsatisfiable the filter asks for two different values of one key, or for a blank value (no document has
 *     one), so nothing can match
 */
record IndexFilter(SearchFilter filter, boolean unsatisfiable) {
    static final String CONTENT_TYPE = "contentType";
    static final String LANGUAGE = "language";
    static final String LICENSE = "license";

    /**
     * Translates {@code metadataKey(k).isEqualTo("v")} for {@code k} in {sourceId, contentType, language}, and
     * {@code and(...)} of those, for a reader of scope {@code access}. Null means no filter (but the scope).
     *
     * @throws UnsupportedOperationException for any other filter
     */
    static IndexFilter from(Filter filter, AccessScope access) {
        if (filter == null) {
            return new IndexFilter(SearchFilter.readableBy(access), false);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        List<String> licenses = new ArrayList<>();
        boolean unsatisfiable = collect(filter, filter, wanted, licenses);
        if (unsatisfiable || wanted.values().stream().anyMatch(String::isBlank)) {
            return new IndexFilter(SearchFilter.readableBy(access), true);
        }
        return new IndexFilter(
                new SearchFilter(
                        wanted.get(Segments.SOURCE_ID),
                        wanted.get(CONTENT_TYPE),
                        wanted.get(LANGUAGE),
                        LicenseFilter.parse(licenses),
                        access),
                false);
    }

    /** Adds {@code f}'s conditions to {@code wanted}; true when they contradict each other. */
    private static boolean collect(Filter f, Filter whole, Map<String, String> wanted, List<String> licenses) {
        if (f instanceof And and) {
            boolean left = collect(and.left(), whole, wanted, licenses);
            boolean right = collect(and.right(), whole, wanted, licenses);
            return left || right;
        }
        if (f instanceof IsIn in && LICENSE.equals(in.key())) {
            // one licence of these: a second isIn or isEqualTo on the licence would intersect, which is not supported
            requireOneInclusion(whole, licenses);
            licenses.add(String.join(",", strings(whole, in.comparisonValues())));
            return false;
        }
        if (f instanceof IsNotIn notIn && LICENSE.equals(notIn.key())) {
            strings(whole, notIn.comparisonValues()).forEach(l -> licenses.add("!" + l));
            return false;
        }
        if (f instanceof IsNotEqualTo ne && LICENSE.equals(ne.key())) {
            strings(whole, List.of(ne.comparisonValue())).forEach(l -> licenses.add("!" + l));
            return false;
        }
        if (f instanceof IsEqualTo eq && LICENSE.equals(eq.key())) {
            requireOneInclusion(whole, licenses);
            licenses.add(String.join(",", strings(whole, List.of(eq.comparisonValue()))));
            return false;
        }
        if (f instanceof IsEqualTo eq) {
            String key = eq.key();
            if (!Segments.SOURCE_ID.equals(key) && !CONTENT_TYPE.equals(key) && !LANGUAGE.equals(key)) {
                throw unsupported(whole, "the key '" + key + "' is not one the index filters on");
            }
            if (!(eq.comparisonValue() instanceof String value)) {
                Object v = eq.comparisonValue();
                throw unsupported(
                        whole,
                        key + " is a string; the filter compares it with "
                                + (v == null ? "null" : "a " + v.getClass().getSimpleName()));
            }
            String earlier = wanted.putIfAbsent(key, value);
            return earlier != null && !Objects.equals(earlier, value);
        }
        throw unsupported(whole, f.getClass().getSimpleName() + " is not supported");
    }

    private static void requireOneInclusion(Filter whole, List<String> licenses) {
        if (licenses.stream().anyMatch(l -> !l.startsWith("!"))) {
            throw unsupported(whole, "the licence is filtered by one isEqualTo or isIn at most");
        }
    }

    private static List<String> strings(Filter whole, java.util.Collection<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof String s)) {
                throw unsupported(whole, "license is a string; the filter compares it with " + v);
            }
            out.add(s);
        }
        return out;
    }

    private static UnsupportedOperationException unsupported(Filter whole, String why) {
        return new UnsupportedOperationException(
                "unsupported metadata filter " + whole + ": " + why + ". The index filters "
                        + "only on exact values of sourceId, contentType and language: use metadataKey(\"sourceId\"|\"contentType\"|"
                        + "\"language\").isEqualTo(\"...\"), and on the licence with metadataKey(\"license\")"
                        + ".isEqualTo/isIn/isNotEqualTo/isNotIn, and and(...) of those; filter on anything else after "
                        + "retrieval");
    }
}

package io.ragplatform.api.auth;

import io.ragplatform.error.RagException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configured API keys: each a SHA-256 digest of the key and the {@link Caller} it stands for. Parsed from entries
 * {@code <sha256hex>:<role>[:<name>[:<group>|<group>...]]}; a presented key is hashed and compared with every digest
 * in constant time. Neither a key nor a digest ever appears in a message. Immutable and thread-safe.
 */
final class ApiKeys {
    static final String SYNTAX = "<sha256hex>:<role>[:<name>[:<group>|<group>...]]";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final int MAX_GROUPS = 64;

    static final ApiKeys NONE = new ApiKeys(List.of());

    private record Entry(byte[] digest, Caller caller) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The keys of those lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @param origin what the lines come from, for messages: {@code rag.auth.api-keys} or the file's path
     * @throws RagException {@code invalid_api_keys} naming the origin, the entry's number and what is wrong
     */
    static ApiKeys parse(List<String> lines, String origin) {
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry entry = entry(line, origin + " entry " + number);
            for (Entry other : entries) {
                if (MessageDigest.isEqual(other.digest(), entry.digest())) {
                    throw invalid(origin + " entry " + number + " repeats the digest of key '"
                            + other.caller().name() + "'");
                }
            }
            entries.add(entry);
        }
        return new ApiKeys(entries);
    }

    private static Entry entry(String line, String where) {
        String[] fields = line.split(":", -1);
        if (fields.length < 2 || fields.length > 4) {
            throw invalid(where + " is not " + SYNTAX);
        }
        // the first field may be a key pasted by mistake: never echo it
        String hex = fields[0].strip();
        if (!HEX64.matcher(hex).matches()) {
            throw invalid(where + ": the first field is not a SHA-256 digest of 64 hexadecimal characters (make one"
                    + " with: printf %s \"$KEY\" | sha256sum)");
        }
        byte[] digest = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        Role role;
        try {
            role = Role.parse(fields[1]);
        } catch (RagException e) {
            throw invalid(where + ": " + e.getMessage());
        }
        String name = fields.length > 2 && !fields[2].isBlank() ? fields[2].strip() : defaultName(digest);
        if (!NAME.matcher(name).matches()) {
            throw invalid(where + ": the name '" + name + "' is not 1-64 of A-Z a-z 0-9 . _ @ + -");
        }
        Set<String> groups = new LinkedHashSet<>();
        if (fields.length > 3 && !fields[3].isBlank()) {
            for (String group : fields[3].split("\\|", -1)) {
                String g = group.strip();
                if (!NAME.matcher(g).matches()) {
                    throw invalid(where + ": the group '" + g + "' is not 1-64 of A-Z a-z 0-9 . _ @ + -");
                }
                groups.add(g);
            }
            if (groups.size() > MAX_GROUPS) {
                throw invalid(where + " has " + groups.size() + " groups; the limit is " + MAX_GROUPS);
            }
        }
        return new Entry(digest, new Caller(name, role, groups));
    }

    /** A stable name for a key configured without one: derived from its digest, from which nothing can be learnt. */
    private static String defaultName(byte[] digest) {
        return "key-" + HexFormat.of().formatHex(sha256(digest)).substring(0, 8);
    }

    /** The caller of that key, if it is one of these; every digest is compared, in constant time. */
    Optional<Caller> match(String key) {
        byte[] digest = sha256(key.getBytes(StandardCharsets.UTF_8));
        Caller found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
                found = e.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** These keys followed by those; a key in both is the first's. */
    ApiKeys plus(ApiKeys more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new ApiKeys(all);
    }

    int size() {
        return entries.size();
    }

    /** The names of the keys, in order: what may be logged of them. */
    List<String> names() {
        return entries.stream().map(e -> e.caller().name()).toList();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static RagException invalid(String message) {
        return RagException.invalid("invalid_api_keys", message);
    }
}

package io.ragplatform.ingest.pii;

import static io.ragplatform.ingest.pii.Recognized.finds;
import static io.ragplatform.ingest.pii.Recognized.findsAlone;
import static io.ragplatform.ingest.pii.Recognized.findsIn;
import static io.ragplatform.ingest.pii.Recognized.none;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAndIpTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice@example.com",
                "first.last+tag@sub.example.co.uk",
                "UtaKortig@jourrapide.com",
                "o'hara@example.org",
                "x_y-z%1@mail-server.example.io",
                "BOB@EXAMPLE.COM"
            })
    void emails_are_found(String email) {
        findsIn(PiiType.EMAIL, email, "Write to %s.", "<%s>", "'%s'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "logo@2x.png",
                "icon@3x.webp",
                "follow @ragplatform on social media",
                "user@localhost",
                "npm install lodash@4.17.21",
                "a@b",
                "name at example dot com",
                "git@ is a prefix",
                "me@home"
            })
    void what_only_looks_like_an_email_stays(String text) {
        none(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.0.1", "10.0.0.1", "8.8.8.8", "255.255.255.255", "0.0.0.0", "172.16.254.3"})
    void ipv4_addresses_are_found(String ip) {
        findsAlone(PiiType.IP, ip);
        findsIn(PiiType.IP, ip, "see http://%s:8080/health", "the subnet %s/24");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2001:db8::1",
                "::1",
                "fe80::1%eth0",
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "6e40:4041:c617:e898:c11:40d2:c669:2eb4",
                "::ffff:192.0.2.128",
                "2001:db8:0:0:1::1"
            })
    void ipv6_addresses_are_found(String ip) {
        findsAlone(PiiType.IP, ip);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "999.1.1.1",
                "256.1.1.1",
                "1.2.3.4.5",
                "release v10.0.0.1",
                "Windows 10.0.19045",
                "version 3.3.1",
                "01.02.03.04",
                "OID 1.3.6.1.4.1.311",
                "at 12:30:45 sharp",
                "MAC 00:1A:2B:3C:4D:5E",
                "dead::beef",
                "std::vector<int>",
                "2024-01-15T10:30:00Z",
                "ratio 1:2:3",
                "2001:db8::1::2"
            })
    void what_only_looks_like_an_ip_address_stays(String text) {
        none(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "请联系alice@example.com或13800138000",
                "邮箱alice@example.com，电话13800138000。",
                "alice@example.com和13800138000"
            })
    void values_glued_to_chinese_text_are_found(String text) {
        assertEquals(List.of("EMAIL:alice@example.com", "PHONE:13800138000"), Recognized.found(text), text);
    }

    @Test
    void a_four_part_version_in_address_range_is_taken_for_an_address() {
        // the decided trade-off: a dotted quad in range is an address whatever the words around it
        finds(PiiType.IP, "1.2.3.4", "upgrade to version 1.2.3.4");
    }
}

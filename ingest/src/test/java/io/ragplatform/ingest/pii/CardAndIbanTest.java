package io.ragplatform.ingest.pii;

import static io.ragplatform.ingest.pii.Recognized.finds;
import static io.ragplatform.ingest.pii.Recognized.findsAlone;
import static io.ragplatform.ingest.pii.Recognized.none;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardAndIbanTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "4111111111111111",
                "5555 5555 5555 4444",
                "3782 822463 10005",
                "6011 1111 1111 1117",
                "3530111333300000",
                "30569309025904",
                "4222222222222",
                "4131034282458809939",
                "2223 0031 2200 3222"
            })
    void card_numbers_are_found(String card) {
        findsAlone(PiiType.CARD, card);
    }

    @Test
    void twelve_digit_maestro_numbers_need_a_card_word() {
        finds(PiiType.CARD, "501864667909", "What is the limit for card 501864667909?");
        none("reference 501864667909");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                    # a security code after the number is not part of it
                    CARD | 4111 1111 1111 1111 | card 4111 1111 1111 1111 123
                    # an IBAN running into a following word of four ends where it is valid
                    IBAN | BE68 5390 0754 7034 | pay to BE68 5390 0754 7034 BANK please
                    """)
    void what_follows_a_value_is_not_part_of_it(PiiType type, String value, String text) {
        finds(type, value, text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111 1111 1111 1112", // fails Luhn
                "1234567812345678", // fails Luhn
                "0000 0000 0000 0000", // no issuer starts with 0
                "7111 1111 1111 1114", // Luhn-valid, but 7 is not a card issuer's
                "41111 11111 11111 1", // not a printed grouping
                "4111 1111-1111 1111", // mixed separators
                "41111111111111111111", // 20 digits
                "4111.1111.1111.1111",
                "+4111111111111111",
                "SKU-4111111111111111",
                "ORD-2024-000123"
            })
    void what_only_looks_like_a_card_number_stays(String text) {
        none(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GB82 WEST 1234 5698 7654 32",
                "GB82WEST12345698765432",
                "gb82west12345698765432",
                "DE89 3704 0044 0532 0130 00",
                "FR14 2004 1010 0505 0001 3M02 606",
                "NL91ABNA0417164300",
                "BE68539007547034",
                "CH9300762011623852957",
                "ES9121000418450200051332",
                "IT60X0542811101000000123456",
                "NO9386011117947",
                "PL61109010140000071219812874"
            })
    void ibans_are_found(String iban) {
        findsAlone(PiiType.IBAN, iban);
        finds(PiiType.IBAN, iban, "IBAN: " + iban + " BIC DEUTDEFF");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GB83 WEST 1234 5698 7654 32", // wrong check digits
                "GB82 WEST 1234 5698 7654 3", // too short for GB
                "XX82WEST12345698765432", // no such country
                "Gb82West12345698765432", // mixed case
                "GB82-WEST-1234-5698-7654-32",
                "AB12 CDEF GHIJ",
                "part number DE89X"
            })
    void what_only_looks_like_an_iban_stays(String text) {
        none(text);
    }

    @Test
    void the_validators_agree_with_known_values() {
        assertTrue(Luhn.valid("79927398713"));
        assertFalse(Luhn.valid("79927398710"));
        assertTrue(Iban.valid("GB82WEST12345698765432"));
        assertFalse(Iban.valid("GB82WEST1234569876543"));
        assertFalse(Iban.valid("GB82"));
    }
}

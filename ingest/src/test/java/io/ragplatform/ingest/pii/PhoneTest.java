package io.ragplatform.ingest.pii;

import static io.ragplatform.ingest.pii.Recognized.finds;
import static io.ragplatform.ingest.pii.Recognized.findsAlone;
import static io.ragplatform.ingest.pii.Recognized.none;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "+44 20 7946 0958",
                "+1 (555) 123-4567",
                "+1-984-182-0190",
                "+447700900123",
                "+46 (0)8 928 571 38",
                "+41 (0)96 471 07 95",
                "+86 138 0013 8000",
                "+49 30 12345678",
                "+33 1 23 45 67 89",
                "0044 20 7946 0958",
                "001-518-640-0854",
                "(555) 123-4567",
                "(555)123-4567",
                "555-123-4567",
                "555.123.4567",
                "555 123 4567",
                "1-800-555-0199",
                "345-899-3560x4587",
                "259.735.7502 ext. 459",
                "020 7946 0958",
                "07700 900 123",
                "030 12345678",
                "0341 8387176",
                "0961-7596216",
                "01 23 45 67 89",
                "03.93.92.16.85",
                "0490 75 40 81",
                "02 123 45 67",
                "(08) 8747 6301",
                "138 0013 8000",
                "138-0013-8000",
                "13800138000"
            })
    void phone_numbers_are_found_on_their_own(String phone) {
        findsAlone(PiiType.PHONE, phone);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Phone: 467 3395|467 3395",
                "Tel. 9472 7916|9472 7916",
                "call me on 60-56-85-91 tomorrow|60-56-85-91",
                "Fax: 9498777106|9498777106",
                "Desk: 5403926876|5403926876",
                "mobile 99 577450|99 577450",
                "Contact: (71) 4233-6306|(71) 4233-6306",
                "电话：467 3395|467 3395",
                "416 60 039 office|416 60 039",
                "9472 7916 (mobile)|9472 7916",
                "Phone: 03262 2437|03262 2437",
                "'Phone:\n(37) 788-063'|(37) 788-063" // on the line before
            })
    void other_groupings_are_found_where_a_phone_word_announces_them(String text, String number) {
        finds(PiiType.PHONE, number, text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Order ORD-2024-000123 has shipped",
                "Fill in form W-9 and Form 1040",
                "version 3.3.1",
                "Windows 10.0.19045",
                "build 10.0.19045.3803",
                "on 2024-01-15",
                "on 15.01.2024",
                "on 01/15/2024",
                "on 20240115 at 12:30:45",
                "the 2024-01-15 10:30 meeting",
                "ISBN 978-3-16-148410-0",
                "ISBN 0-306-40615-2",
                "costs $1,234,567.89",
                "a population of 1 234 567",
                "€ 1.234.567,89",
                "467 3395",
                "9472 7916",
                "60-56-85-91",
                "9498777106",
                "id 123e4567-e89b-12d3-a456-426614174000",
                "uuid 12345678-1234-1234-1234-123456789012",
                "commit da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "SSN 123-45-6789",
                "Phone owner SSN: 023-01-0866",
                "ZIP 94105-1234",
                "03262 2437 Main St",
                "office is at 17031 2202 Rissik St",
                "timestamp 1700000000",
                "between 09:00-17:00",
                "invoice INV-00012345",
                "Room 0421 B",
                "2020 2021 2022 2023",
                "pages 1234-1240"
            })
    void what_only_looks_like_a_phone_number_stays(String text) {
        none(text);
    }

    @Test
    void a_number_among_other_digit_groups_is_not_cut_out_of_them() {
        none("account 21 284 698 2548 9");
        finds(PiiType.PHONE, "21 284 698 2548", "Phone:\n21 284 698 2548");
    }

    @Test
    void a_number_running_into_the_next_one_keeps_its_own_digits() {
        finds(PiiType.PHONE, "+44 20 7946 0958", "+44 20 7946 0958 4111 2222");
        finds(PiiType.PHONE, "(555) 123-4567", "13 (555) 123-4567 15");
        finds(PiiType.PHONE, "13800138000", "13800138000 3.3.1");
    }

    @Test
    void a_phone_word_does_not_reach_over_other_digits() {
        none("Phone: see order 42, then 467 3395");
        none("recall 467 3395");
    }
}

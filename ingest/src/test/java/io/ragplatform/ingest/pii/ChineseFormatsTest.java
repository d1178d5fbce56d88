package io.ragplatform.ingest.pii;

import static io.ragplatform.ingest.pii.Recognized.finds;
import static io.ragplatform.ingest.pii.Recognized.findsAlone;
import static io.ragplatform.ingest.pii.Recognized.findsIn;
import static io.ragplatform.ingest.pii.Recognized.none;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Chinese formats: resident identity card numbers, mainland mobiles and landlines, e-mail glued to Chinese text. */
class ChineseFormatsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "11010519491231002X", // the check character 10
                "11010519491231002x",
                "440304200002291236", // 29 February of a leap year
                "310115198001010016",
                "650102189907150033", // born in the 19th century
                "320106198506121059" // passes Luhn too: an identity number, not a card
            })
    void resident_identity_card_numbers_are_found(String id) {
        findsAlone(PiiType.ID_NUMBER, id);
        findsIn(PiiType.ID_NUMBER, id, "身份证号：%s。", "身份证号码%s，请核对", "公民身份号码 %s 签发机关");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "身份证号：110105194912310021", // check character wrong (X is right)
                "身份证号：11010519491231002Y",
                "订单号 110105190002291239", // 1900 was no leap year
                "订单号 110105202402301235", // 30 February
                "订单号 110105194913310021", // month 13
                "订单号 910105194912310029", // no province 91
                "订单号 202401150000123456",
                "流水号 123456789012345678",
                "订单号 11010519491231002X1", // 19 characters
                "订单号 1101051949123100X", // 17 characters
                "ref ID11010519491231002X",
                "ref 11010519491231002X-2"
            })
    void what_only_looks_like_an_identity_number_stays(String text) {
        none(text);
    }

    @Test
    void the_placeholder_replaces_exactly_the_identity_number() {
        assertEquals(
                "申请人张伟，身份证号[ID]，手机[PHONE]。", Redactor.standard().redact("申请人张伟，身份证号11010519491231002X，手机13800138000。"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13800138000",
                "138 0013 8000",
                "138-0013-8000",
                "+86 138 0013 8000",
                "+86-13800138000",
                "+8613800138000",
                "0086 138 0013 8000",
                "(+86)13800138000",
                "+86 10 6552 9988",
                "010-65529988",
                "010-6552 9988",
                "(010)65529988",
                "(010) 6552-9988",
                "0755-12345678",
                "0755-8765 4321",
                "021-6279 8888",
                "0571-8702 2088"
            })
    void mainland_mobiles_and_landlines_are_found(String phone) {
        findsAlone(PiiType.PHONE, phone);
        findsIn(PiiType.PHONE, phone, "联系电话：%s", "请致电%s。", "手机%s，微信同号");
    }

    /**
     * A Chinese phone word announces a number as an English one does; an address glued to Chinese text ends where the
     * Chinese begins.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PHONE|电话：6552 9988|6552 9988",
                "PHONE|座机：6552-9988|6552-9988",
                "PHONE|传真：65529988|65529988",
                "PHONE|服务热线 9520 0000|9520 0000",
                "PHONE|Tel：87654321|87654321",
                "PHONE|联系电话 (0755)8765432|(0755)8765432",
                "EMAIL|请联系zhang.wei@example.cn获取资料|zhang.wei@example.cn",
                "EMAIL|邮箱：li_na@mail.example.com.cn。|li_na@mail.example.com.cn",
                "EMAIL|发送至wang@example.org，抄送|wang@example.org",
                "EMAIL|（邮箱wang@example.org）|wang@example.org",
                "EMAIL|邮箱 info@xn--fiqs8s.xn--fiqs8s 或|info@xn--fiqs8s.xn--fiqs8s"
            })
    void a_value_in_chinese_text_is_found_with_its_own_characters_only(PiiType type, String text, String value) {
        finds(type, value, text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "编号 12800138000", // no mobile prefix 12
                "订单号 10800138000",
                "会议定于2024年1月15日召开",
                "日期 2024-01-15",
                "金额¥13800138000.00元",
                "¥13800138000",
                "共 6552 9988 元",
                "邮编 100871",
                "统一社会信用代码 91350100M000100Y43"
            })
    void what_only_looks_like_a_chinese_phone_number_stays(String text) {
        none(text);
    }

    @Test
    void a_sentence_of_every_chinese_format_is_redacted_in_place() {
        String text = "联系人：王芳，手机+86 139 1234 5678，电话：010-6552 9988，邮箱wang.fang@example.cn，"
                + "身份证号440304200002291236。订单号202401150000123456于2024年1月15日发货。";
        assertEquals(
                "联系人：王芳，手机[PHONE]，电话：[PHONE]，邮箱[EMAIL]，身份证号[ID]。订单号202401150000123456于2024年1月15日发货。",
                Redactor.standard().redact(text));
        assertEquals(
                List.of(PiiType.PHONE, PiiType.PHONE, PiiType.EMAIL, PiiType.ID_NUMBER),
                PiiRecognizer.standard().find(text).stream().map(PiiSpan::type).toList());
    }
}

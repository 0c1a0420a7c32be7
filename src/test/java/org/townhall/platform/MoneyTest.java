package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void readsAmountsWrittenAsGovukAsksForThem() {
        assertThat(Money.parsePounds("10")).contains(1_000L);
        assertThat(Money.parsePounds("10.50")).contains(1_050L);
        assertThat(Money.parsePounds("10.5")).as("one digit of pence is tens of pence").contains(1_050L);
        assertThat(Money.parsePounds("0.01")).contains(1L);
        assertThat(Money.parsePounds("£85.50")).contains(8_550L);
        assertThat(Money.parsePounds(" £ 85.50 ")).contains(8_550L);
        assertThat(Money.parsePounds("1,000.00")).contains(100_000L);
        assertThat(Money.parsePounds("£1,250")).contains(125_000L);
        assertThat(Money.parsePounds("1250")).contains(125_000L);
        assertThat(Money.parsePounds("9,999,999.99")).contains(999_999_999L);
    }

    @Test
    void aCommaAnywhereButBetweenThousandsIsRefusedNotIgnored() {
        for (String typed : new String[] {"£1,0", "1,0", "10,00", "10,5", "1,00", "1,2345", ",100", "100,", "1,,000", "1000,000",
                "01,000", "1,000,0", "1.000,00", "1,000.5.0"}) {
            assertThat(Money.parsePounds(typed)).as(typed).isEmpty();
        }
    }

    @Test
    void anythingElseThatIsNotAnAmountIsRefused() {
        for (String typed : new String[] {null, "", " ", "£", "abc", "-5", "+5", "1e3", "12.345", "10.", ".5", "£-1", "10 50",
                "1 000", "10p", "£10£", "١٠", "１０", "10,000,000", "99999999", "1".repeat(40)}) {
            assertThat(Money.parsePounds(typed)).as(String.valueOf(typed)).isEmpty();
        }
    }
}

package org.townhall.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCsvTest {

    private static String csv(StatementLine... lines) {
        return new String(StatementFiles.csv(List.of(lines)), StandardCharsets.UTF_8);
    }

    @Test
    void headingsAreWordsResidentsReadAndTheFileOpensAsUtf8() {
        assertThat(csv()).isEqualTo("\uFEFFDate,Description,Charged (£),Paid (£),Balance (£)\r\n");
    }

    @Test
    void amountsArePoundsASpreadsheetAddsUpAndDatesAreWrittenAsOnThePage() {
        String csv = csv(new StatementLine(LocalDate.of(2026, 4, 1), "Council tax 2026/27", 120_050, 120_050),
                new StatementLine(LocalDate.of(2026, 10, 2), "Payment, thank you", -1_250, 118_800),
                new StatementLine(LocalDate.of(2026, 10, 3), "Refund", -200_000, -81_200));
        assertThat(csv.lines().toList()).contains("1 Apr 2026,Council tax 2026/27,1200.50,,1200.50", "3 Oct 2026,Refund,,2000.00,-812.00");
        assertThat(csv).contains("2 Oct 2026,\"Payment, thank you\",,12.50,1188.00");
    }

    @Test
    void aDescriptionThatLooksLikeAFormulaIsShownNotRun() {
        for (String formula : List.of("=HYPERLINK(\"http://evil.example\")", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\tTab", "\rCR")) {
            String csv = csv(new StatementLine(LocalDate.of(2026, 4, 1), formula, 100, 100));
            assertThat(csv).as(formula).contains("'" + formula.replace("\"", "\"\""));
        }
    }
}

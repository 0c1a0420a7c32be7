package org.townhall.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.billing.BillingFixtures;
import org.townhall.parking.CaseKind;
import org.townhall.parking.Decision;
import org.townhall.parking.ParkingDecisions;
import org.townhall.parking.ParkingFixtures;
import org.townhall.parking.store.CaseStore;
import org.townhall.parking.store.PcnStore;
import org.townhall.support.AuditRows;
import org.townhall.support.TaggedPdfChecks;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * Every PDF Townhall makes for residents, fetched as a resident would, opened with PDFBox: tagged
 * (marked, with a structure tree in reading order), in English, titled, every font embedded, and
 * with its dates written as the page writes them (PDF/UA, ISO 14289-1).
 */
@TownhallTest
class TaggedPdfTest {

    private static final Pattern LETTER_LINK = Pattern.compile("href=\"(/parking/cases/[^\"]+/letters/[^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AccountFixtures accounts;
    @Autowired BillingFixtures billing;
    @Autowired ParkingFixtures parking;
    @Autowired CaseStore cases;
    @Autowired PcnStore pcns;
    @Autowired ParkingDecisions decisions;
    @Autowired AuditRows audit;
    AccountFixtures.Resident resident;
    Visitor visitor;

    @BeforeEach
    void signIn() {
        accounts.clearSignInThrottles();
        resident = accounts.aResident().build();
        visitor = new Visitor(port);
        SignIns.asResident(visitor, resident);
    }

    @Test
    void aCouncilTaxStatementIsATaggedPdfWithItsTitleLanguageAndThePagesDates() throws IOException {
        BillingFixtures.CouncilTaxFixture account = billing.aCouncilTaxAccount().charging(120_000).linkedTo(resident.ref()).build();
        String page = visitor.get("/council-tax/" + account.ref()).body();

        try (PDDocument pdf = Loader.loadPDF(visitor.getBytes("/council-tax/" + account.ref() + "/statement.pdf"))) {
            TaggedPdfChecks.assertTagged(pdf, "Council tax statement");
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Account " + account.accountNumber(), "£1,200.00", "Date", "Balance");
            String firstDate = firstStatementDate(page);
            assertThat(text).as("dates as the statement page writes them").contains(firstDate);
        }
    }

    @Test
    void aRentStatementIsATaggedPdf() throws IOException {
        BillingFixtures.RentFixture tenancy = billing.aRentAccount().weekly(15_000).linkedTo(resident.ref()).build();
        try (PDDocument pdf = Loader.loadPDF(visitor.getBytes("/rent/" + tenancy.ref() + "/statement.pdf"))) {
            TaggedPdfChecks.assertTagged(pdf, "Rent statement");
            assertThat(new PDFTextStripper().getText(pdf)).contains("Tenancy " + tenancy.tenancyRef());
        }
    }

    @Test
    void aNoticeOfRejectionIsATaggedPdfDatedAsTheCasePageDatesIt() throws IOException {
        String casePage = decidedCase(new Decision.Reject("The photographs show the vehicle in the bay with no permit."));
        try (PDDocument pdf = Loader.loadPDF(visitor.getBytes(letterLink(casePage)))) {
            TaggedPdfChecks.assertTagged(pdf, "Notice of Rejection of representations");
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            String today = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).format(LocalDate.now(ClockConfiguration.LONDON));
            assertThat(casePage).contains("Notice of Rejection of representations, " + today);
            assertThat(text).contains(today, "The photographs show the vehicle in the bay with no permit.", "London Tribunals");
        }
    }

    @Test
    void aCancellationIsATaggedPdf() throws IOException {
        String casePage = decidedCase(new Decision.Accept("The sign was missing."));
        try (PDDocument pdf = Loader.loadPDF(visitor.getBytes(letterLink(casePage)))) {
            TaggedPdfChecks.assertTagged(pdf, "Your parking fine has been cancelled");
            assertThat(new PDFTextStripper().getText(pdf)).contains("The sign was missing.");
        }
    }

    @Test
    void anotherResidentGetsNothingOfALetterAndTheAttemptIsAudited() {
        String link = letterLink(decidedCase(new Decision.Accept("The sign was missing.")));
        Visitor other = new Visitor(port);
        SignIns.asResident(other, accounts.aResident().build());
        long before = audit.lastId();
        assertThat(other.get(link).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).contains("ACCESS_DENIED");
    }

    @Test
    void aLetterNotOnTheResidentsOwnCaseIsRefusedAndAudited() {
        String link = letterLink(decidedCase(new Decision.Accept("The sign was missing.")));
        long before = audit.lastId();
        assertThat(visitor.get(link.replaceFirst("/letters/.*$", "/letters/not-a-letter")).status()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsExactly("ACCESS_DENIED");
    }

    /** A decided case on a PCN of the signed-in resident; its page. */
    private String decidedCase(Decision decision) {
        AccountFixtures.Staff officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).build();
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(45).withNoticeToOwnerDaysAgo(10).onAccountOf(resident.ref()).build();
        String caseRef = PublicReferences.next();
        LocalDate today = LocalDate.now(ClockConfiguration.LONDON);
        cases.open(caseRef, pcns.findByRef(pcn.ref()).orElseThrow().id(), CaseKind.REPRESENTATIONS,
                "The alleged contravention did not occur", "I was not there", resident.ref(), today, today.plusDays(56), officer.ref());
        assertThat(decisions.decide(caseRef, officer.ref(), decision)).isTrue();
        return visitor.get("/parking/cases/" + caseRef).body();
    }

    private static String letterLink(String casePage) {
        Matcher link = LETTER_LINK.matcher(casePage);
        assertThat(link.find()).as("the case page links to its letter").isTrue();
        return link.group(1);
    }

    private static String firstStatementDate(String page) {
        Matcher date = Pattern.compile("<td class=\"govuk-table__cell\">(\\d{1,2} [A-Z][a-z]{2,3} \\d{4})</td>").matcher(page.substring(page.indexOf("aria-label=\"Statement\"")));
        assertThat(date.find()).as("a dated statement line on the page").isTrue();
        return date.group(1);
    }
}

package org.townhall.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townhall.accounts.AccountFixtures;
import org.townhall.accounts.SignIns;
import org.townhall.accounts.StaffRole;
import org.townhall.evidence.Pdfs;
import org.townhall.evidence.Samples;
import org.townhall.support.AuditRows;
import org.townhall.support.TownhallTest;
import org.townhall.support.Visitor;

/**
 * What an officer opens is the safe copy of a PDF, pictures only; the original only for the
 * record, with a reason the resident can read. Every download is named by Townhall from the type
 * it detected, never by the name the resident gave.
 */
@TownhallTest
class OfficerEvidenceTest {

    private static final Pattern CASE = Pattern.compile("/parking/cases/([A-Za-z0-9_-]+)");
    private static final Pattern EVIDENCE = Pattern.compile("/evidence/([A-Za-z0-9_-]+)\"");
    private static final byte[] LETTER = Pdfs.letter();

    @LocalServerPort int port;
    @Autowired ParkingFixtures parking;
    @Autowired AccountFixtures accounts;
    @Autowired AuditRows audit;
    @Autowired JdbcClient jdbc;

    AccountFixtures.Resident resident;
    AccountFixtures.Staff officer;
    Visitor residentBrowser;

    @BeforeEach
    void setUp() {
        parking.clearLookupCounts();
        accounts.clearSignInThrottles();
        officer = accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build();
        resident = accounts.aResident().build();
        residentBrowser = new Visitor(port);
        SignIns.asResident(residentBrowser, resident);
    }

    /** A challenge with these files, assigned to this test's officer; its reference. */
    private String challengeWith(Visitor.Upload... files) {
        ParkingFixtures.Pcn pcn = parking.aPcn().servedDaysAgo(3).onAccountOf(resident.ref()).build();
        residentBrowser.get("/parking/pcn/" + pcn.ref() + "/challenge");
        Visitor.Page page = Challenges.send(residentBrowser, "/parking/pcn/" + pcn.ref() + "/challenge",
                Map.of("grounds", "Informal challenge", "statement", "My letter is attached."), List.of(files));
        Matcher matcher = CASE.matcher(String.valueOf(page.location()));
        assertThat(matcher.find()).as("challenge accepted: " + page.body()).isTrue();
        jdbc.sql("update parking_case set assigned_officer = :officer where public_ref = :ref")
                .param("officer", officer.ref()).param("ref", matcher.group(1)).update();
        return matcher.group(1);
    }

    private static Visitor.Upload pdf(String name, byte[] content) {
        return new Visitor.Upload("evidence", name, "application/pdf", content);
    }

    private Visitor signedInOfficer() {
        Visitor browser = new Visitor(port);
        SignIns.asStaff(browser, officer);
        return browser;
    }

    private static String firstDocument(String page) {
        Matcher doc = EVIDENCE.matcher(page);
        assertThat(doc.find()).isTrue();
        return doc.group(1);
    }

    /** The whole answer to a GET, headers and bytes, with the visitor's session. */
    private HttpResponse<byte[]> download(Visitor visitor, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", "TOWNHALL_SESSION=" + visitor.cookie("TOWNHALL_SESSION")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theAssignedOfficerOpensAPicturesOnlyCopyAndNotTheOriginal() throws Exception {
        String caseRef = challengeWith(pdf("hospital-letter.pdf", LETTER));
        Visitor officerSession = signedInOfficer();
        String document = firstDocument(officerSession.get("/staff/parking/cases/" + caseRef).body());

        long before = audit.lastId();
        HttpResponse<byte[]> opened = download(officerSession, "/staff/parking/cases/" + caseRef + "/evidence/" + document);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).isNotEqualTo(LETTER);
        try (PDDocument copy = Loader.loadPDF(opened.body())) {
            assertThat(copy.getNumberOfPages()).isEqualTo(1);
            assertThat(copy.getPage(0).getResources().getFontNames()).isEmpty();
        }
        assertThat(audit.actionsSince(before)).containsExactly("EVIDENCE_VIEWED");
        // The resident still gets back exactly what they sent.
        assertThat(residentBrowser.getBytes("/parking/cases/" + caseRef + "/evidence/" + document)).isEqualTo(LETTER);
    }

    @Test
    void theOriginalIsForTheRecordOnlyWithAReasonTheResidentCanRead() throws Exception {
        String caseRef = challengeWith(pdf("hospital-letter.pdf", LETTER));
        Visitor officerSession = signedInOfficer();
        String document = firstDocument(officerSession.get("/staff/parking/cases/" + caseRef).body());
        String original = "/staff/parking/cases/" + caseRef + "/evidence/" + document + "/original";

        long before = audit.lastId();
        Visitor.Page noReason = officerSession.post(original, "reason", "  ");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("Say why you need the original").contains("Error: Case for");
        assertThat(audit.actionsSince(before)).isEmpty();

        HttpResponse<byte[]> served = postForBytes(officerSession, noReason, original, "The tribunal asked for the original file");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(LETTER);
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"evidence-[A-Za-z0-9]{8}-original\\.pdf\"");
        assertThat(audit.actionsSince(before)).containsExactly("EVIDENCE_ORIGINAL_OPENED");
        assertThat(residentBrowser.get("/parking/cases/" + caseRef).body())
                .contains("Original, for the record: The tribunal asked for the original file");
    }

    @Test
    void anotherOfficerGetsNeitherTheCopyNorTheOriginalAndTheAttemptIsRecorded() throws Exception {
        String caseRef = challengeWith(pdf("hospital-letter.pdf", LETTER));
        String document = firstDocument(residentBrowser.get("/parking/cases/" + caseRef).body());
        Visitor other = new Visitor(port);
        SignIns.asStaff(other, accounts.aStaffMember().withRole(StaffRole.PARKING_OFFICER).enrolled().build());
        Visitor.Page staffHome = other.get("/staff");
        long before = audit.lastId();
        assertThat(postForBytes(other, staffHome, "/staff/parking/cases/" + caseRef + "/evidence/" + document + "/original",
                "curious").statusCode()).isEqualTo(404);
        assertThat(download(other, "/staff/parking/cases/" + caseRef + "/evidence/" + document).statusCode()).isEqualTo(404);
        assertThat(audit.actionsSince(before)).containsOnly("ACCESS_DENIED").hasSize(2);
    }

    @Test
    void aPdfStoredBeforeCopiesWereMadeGetsOneWhenAnOfficerFirstOpensIt() throws Exception {
        String caseRef = challengeWith(pdf("hospital-letter.pdf", LETTER));
        jdbc.sql("""
                delete from evidence_object where object_key in (select safe_object_key from evidence_document where case_ref = :c)""")
                .param("c", caseRef).update();
        jdbc.sql("update evidence_document set safe_object_key = null, safe_wrapped_key = null, safe_size_bytes = null where case_ref = :c")
                .param("c", caseRef).update();
        Visitor officerSession = signedInOfficer();
        String document = firstDocument(officerSession.get("/staff/parking/cases/" + caseRef).body());

        byte[] first = download(officerSession, "/staff/parking/cases/" + caseRef + "/evidence/" + document).body();
        assertThat(first).isNotEqualTo(LETTER).startsWith("%PDF-".getBytes());
        assertThat(jdbc.sql("select safe_object_key is not null from evidence_document where public_ref = :d")
                .param("d", document).query(Boolean.class).single()).isTrue();
        assertThat(download(officerSession, "/staff/parking/cases/" + caseRef + "/evidence/" + document).body()).isEqualTo(first);
    }

    @Test
    void downloadsAreNamedFromTheDetectedTypeNeverTheNameTheResidentGave() throws Exception {
        String caseRef = challengeWith(pdf("statement.html", LETTER),
                new Visitor.Upload("evidence", "receipt\u202Egpj.exe", "application/octet-stream", Samples.png(60, 40)));
        String casePage = residentBrowser.get("/parking/cases/" + caseRef).body();
        assertThat(casePage).contains("statement.html").contains("receiptgpj.exe").doesNotContain("\u202E");
        Matcher documents = EVIDENCE.matcher(casePage);
        assertThat(documents.find()).isTrue();
        String pdfDocument = documents.group(1);
        assertThat(documents.find()).isTrue();
        String pngDocument = documents.group(1);

        HttpResponse<byte[]> pdf = download(residentBrowser, "/parking/cases/" + caseRef + "/evidence/" + pdfDocument);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"evidence-" + pdfDocument.replaceAll("[^A-Za-z0-9]", "").substring(0, 8) + ".pdf\"");
        assertThat(pdf.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(pdf.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");

        HttpResponse<byte[]> png = download(residentBrowser, "/parking/cases/" + caseRef + "/evidence/" + pngDocument);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(png.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("inline; filename=\"evidence-[A-Za-z0-9]{8}\\.png\"");

        Visitor officerSession = signedInOfficer();
        assertThat(officerSession.get("/staff/parking/cases/" + caseRef).body()).contains("receiptgpj.exe").doesNotContain("\u202E");
        assertThat(download(officerSession, "/staff/parking/cases/" + caseRef + "/evidence/" + pdfDocument)
                .headers().firstValue("Content-Disposition").orElseThrow()).doesNotContain("html").endsWith(".pdf\"");
    }

    /** Posts a form the way a browser does and keeps the bytes of the answer (a download). */
    private HttpResponse<byte[]> postForBytes(Visitor visitor, Visitor.Page formPage, String path, String reason)
            throws IOException, InterruptedException {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(formPage.body());
        assertThat(token.find()).isTrue();
        String form = "_csrf=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)
                + "&reason=" + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", "TOWNHALL_SESSION=" + visitor.cookie("TOWNHALL_SESSION"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}

package org.townhall.parking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townhall.audit.Actor;
import org.townhall.audit.AuditAction;
import org.townhall.audit.AuditEntry;
import org.townhall.audit.AuditOutcome;
import org.townhall.audit.AuditTrail;
import org.townhall.platform.CouncilProperties;
import org.townhall.platform.TaggedPdfs;

/**
 * A decision letter (rejection, cancellation) as a tagged PDF the resident keeps: the same words
 * and date as the letter on their case page, for the resident who made the case and nobody else.
 */
@Service
public class LetterDocuments {

    private final ParkingCases cases;
    private final TaggedPdfs pdfs;
    private final CouncilProperties council;
    private final AuditTrail audit;

    LetterDocuments(ParkingCases cases, TaggedPdfs pdfs, CouncilProperties council, AuditTrail audit) {
        this.cases = cases;
        this.pdfs = pdfs;
        this.council = council;
        this.audit = audit;
    }

    /** The letter file's name and bytes. */
    public record LetterFile(String fileName, byte[] pdf) {
    }

    /** The letter, if it answers one of this resident's own cases; another's or none is refused and audited alike. */
    @Transactional
    public Optional<LetterFile> forResident(String caseRef, String letterRef, String residentRef) {
        Optional<ParkingCases.ResidentCase> found = cases.forResident(caseRef, residentRef);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PcnDetails pcn = found.get().pcn();
        Optional<PcnDetails.Letter> letter = pcn.letters().stream().filter(l -> l.ref().equals(letterRef)).findFirst();
        if (letter.isEmpty()) {
            audit.record(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, Actor.resident(residentRef))
                    .onNamed(letterRef).because("letter of another case or none"));
            return Optional.empty();
        }
        PcnDetails.Letter l = letter.get();
        List<String> paragraphs = Arrays.stream(l.body().split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        byte[] bytes = pdfs.render("letter", Map.of("council", council.name(), "title", l.title(), "pcnNumber", pcn.number(),
                "sentOn", l.sentOn(), "paragraphs", paragraphs));
        return Optional.of(new LetterFile("letter-" + pcn.number() + "-" + l.sentOn() + ".pdf", bytes));
    }
}

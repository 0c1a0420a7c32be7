package org.townhall.incidents.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townhall.incidents.Incident;
import org.townhall.incidents.IncidentDetails;
import org.townhall.incidents.IncidentFile;
import org.townhall.incidents.IncidentKind;
import org.townhall.incidents.IncidentOutcome;
import org.townhall.incidents.IncidentRegister;
import org.townhall.incidents.IncidentStatus;
import org.townhall.incidents.ObservableKind;
import org.townhall.incidents.Severity;
import org.townhall.incidents.TimelineEntry;
import org.townhall.incidents.store.IncidentStore;

/** The register for the security team's tools, as JSON: list, read, create, add an observable, add a note. */
@RestController
@RequestMapping(path = "/api/incidents", produces = "application/json")
@PreAuthorize("hasRole('SECURITY_ANALYST')")
@SecurityScheme(name = "personal-token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A personal API token from Staff home > API tokens (thk_…)")
@SecurityRequirement(name = "personal-token")
class IncidentApiController {

    private final IncidentRegister register;
    private final IncidentDetails details;

    IncidentApiController(IncidentRegister register, IncidentDetails details) {
        this.register = register;
        this.details = details;
    }

    record IncidentJson(String ref, String reference, String title, String description, IncidentKind kind, Integer ncscCategory,
                        Severity severity, IncidentStatus status, String ownerRef, Instant openedAt, boolean detected, int version) {
        static IncidentJson of(Incident i) {
            return new IncidentJson(i.ref(), i.reference(), i.title(), i.description(), i.kind(),
                    i.category() == null ? null : i.category().number(), i.severity(), i.status(), i.ownerRef(), i.openedAt(),
                    i.detected(), i.version());
        }
    }

    record TimelineJson(Instant at, String actorRef, TimelineEntry.Kind kind, String body) {
    }

    record ObservableJson(String ref, ObservableKind kind, String value, List<String> sharedWith) {
    }

    record IncidentFileJson(IncidentJson incident, List<TimelineJson> timeline, List<ObservableJson> observables, int affectedResidents) {
    }

    record NewIncident(String title, String description, IncidentKind kind) {
    }

    record NewObservable(ObservableKind kind, String value) {
    }

    record NewNote(String note) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
    @Operation(summary = "List incidents, newest first (at most 200); open ones unless a status is given")
    List<IncidentJson> list(@RequestParam(required = false) IncidentStatus status, @RequestParam(required = false) IncidentKind kind,
                            @RequestParam(required = false) Severity severity, Authentication caller) {
        return register.list(new IncidentStore.Filter(status, kind, severity, status == null), caller.getName()).stream()
                .map(IncidentJson::of).toList();
    }

    @GetMapping("/{ref}")
    @PreAuthorize("hasAnyRole('SECURITY_ANALYST', 'AUDITOR')")
    @Operation(summary = "Read one incident with its timeline and observables")
    ResponseEntity<?> read(@PathVariable String ref, Authentication caller) {
        return register.open(ref, caller.getName()).<ResponseEntity<?>>map(file -> ResponseEntity.ok(json(file)))
                .orElseGet(() -> problem(IncidentOutcome.Status.NOT_FOUND, "There is no such incident", null));
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Report an incident")
    ResponseEntity<?> create(@RequestBody NewIncident body, Authentication caller) {
        IncidentRegister.Reported reported = register.report(new IncidentRegister.Report(body.title(), body.description(), body.kind()),
                caller.getName());
        if (!reported.outcome().done()) {
            return problem(reported.outcome().status(), reported.outcome().message(), reported.outcome().field());
        }
        return ResponseEntity.created(URI.create("/api/incidents/" + reported.ref()))
                .body(json(register.open(reported.ref(), caller.getName()).orElseThrow()));
    }

    @PostMapping(path = "/{ref}/observables", consumes = "application/json")
    @Operation(summary = "Add an observable (address or range, account, email domain, file hash, URL)")
    ResponseEntity<?> observable(@PathVariable String ref, @RequestBody NewObservable body, Authentication caller) {
        return after(details.addObservable(ref, body.kind(), body.value(), caller.getName()), ref, caller);
    }

    @PostMapping(path = "/{ref}/timeline", consumes = "application/json")
    @Operation(summary = "Add a note to the timeline (10,000 characters at most)")
    ResponseEntity<?> note(@PathVariable String ref, @RequestBody NewNote body, Authentication caller) {
        return after(register.addNote(ref, body.note(), caller.getName()), ref, caller);
    }

    private ResponseEntity<?> after(IncidentOutcome outcome, String ref, Authentication caller) {
        if (!outcome.done()) {
            return problem(outcome.status(), outcome.message(), outcome.field());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(json(register.open(ref, caller.getName()).orElseThrow()));
    }

    private static IncidentFileJson json(IncidentFile file) {
        return new IncidentFileJson(IncidentJson.of(file.incident()),
                file.timeline().stream().map(e -> new TimelineJson(e.at(), e.actorRef(), e.kind(), e.body())).toList(),
                file.observables().stream().map(o -> new ObservableJson(o.ref(), o.kind(), o.value(), o.sharedWith())).toList(),
                file.affectedResidents());
    }

    private static ResponseEntity<ProblemDetail> problem(IncidentOutcome.Status status, String message, String field) {
        HttpStatus code = switch (status) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code, message);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(code).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

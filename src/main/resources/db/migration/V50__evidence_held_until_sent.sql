-- Evidence a resident has chosen for a challenge not yet sent (ADR 0028): checked, sealed under its
-- own data key like any document, owned by the resident, and belonging to no case until they send
-- the challenge from its "Check your answers" page. Until then it is held under a random
-- reference kept in their session, and destroyed (its key forgotten) if it is not sent in time.
alter table evidence_document
    alter column case_ref drop not null,
    add column held_ref   text check (length(held_ref) <= 64),
    add column held_until timestamptz;

alter table evidence_document
    -- A document belongs to a case, or is held for one not yet sent: never both, never neither.
    add constraint evidence_document_case_or_held
        check ((case_ref is not null and held_ref is null and held_until is null)
               or (case_ref is null and held_ref is not null and held_until is not null));

create index evidence_document_held_idx on evidence_document (held_ref) where held_ref is not null;
create index evidence_document_held_until_idx on evidence_document (held_until)
    where held_ref is not null and destroyed_at is null;

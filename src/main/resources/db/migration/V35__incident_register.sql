-- The security incident register: malicious and accidental incidents alike, each with its
-- reference, kind, NCSC category, severity, owner and status; tasks, an append-only timeline,
-- observables, evidence links and references given by other bodies (ICO, NCSC, NCA, police).

-- The moves an incident's status may make. IncidentStatus holds the same table;
-- IncidentStatusTest checks they agree. Closing straight from triage is for a report that turns
-- out not to be an incident; a closed incident may be reopened into triage.
create table incident_status_move (
    from_status text not null,
    to_status   text not null,
    primary key (from_status, to_status)
);
insert into incident_status_move (from_status, to_status) values
    ('TRIAGE', 'CONTAINED'), ('TRIAGE', 'CLOSED'),
    ('CONTAINED', 'ERADICATED'),
    ('ERADICATED', 'RECOVERED'),
    ('RECOVERED', 'CLOSED'),
    ('CLOSED', 'TRIAGE');

create table incident (
    id            bigint generated always as identity primary key,
    public_ref    text not null unique,
    reference     text not null unique check (reference ~ '^INC-[A-Z0-9]{8}$'),
    title         text not null check (length(title) between 1 and 200),
    description   text not null check (length(description) <= 10000),
    kind          text not null check (kind in ('PHISHING', 'MALWARE', 'DENIAL_OF_SERVICE', 'UNAUTHORISED_ACCESS',
                      'MISDIRECTED_DATA', 'LOST_DEVICE', 'INSIDER_MISUSE', 'OTHER')),
    -- The NCSC incident category, 1 (national cyber emergency) to 6 (localised incident), once assessed.
    ncsc_category smallint check (ncsc_category between 1 and 6),
    severity      text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status        text not null check (status in ('TRIAGE', 'CONTAINED', 'ERADICATED', 'RECOVERED', 'CLOSED')),
    owner_ref     text check (length(owner_ref) <= 64),
    reported_by   text check (length(reported_by) <= 64),
    -- Opened by detection rather than a person: which signal.
    detected_by   text check (length(detected_by) <= 40),
    opened_at     timestamptz not null,
    contained_at  timestamptz,
    closed_at     timestamptz,
    updated_at    timestamptz not null,
    -- Optimistic concurrency: every change names the version it read and moves it on by one.
    version       integer not null default 0 check (version >= 0)
);
create index incident_opened_idx on incident (opened_at desc);
create index incident_status_idx on incident (status, opened_at desc);

create function incident_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.status is distinct from old.status and not exists
        (select 1 from incident_status_move where from_status = old.status and to_status = new.status) then
        raise exception 'an incident cannot move from % to %', old.status, new.status using errcode = '23514';
    end if;
    if new.reference <> old.reference or new.opened_at <> old.opened_at then
        raise exception 'an incident''s reference and opening time never change' using errcode = '23514';
    end if;
    return new;
end $$;

create trigger incident_status_change before update on incident
    for each row execute function incident_moves_by_the_table();

create function incident_register_is_kept() returns trigger language plpgsql as $$
begin
    raise exception '% is kept: % refused (add a timeline entry instead)', tg_table_name, tg_op using errcode = '42501';
end $$;

-- Every breach and incident stays on the register (UK GDPR Art 33(5) requires breaches to be documented).
create trigger incident_kept before delete on incident
    for each row execute function incident_register_is_kept();

-- Every change, note and decision, with who and when. Never changed or removed.
create table incident_timeline (
    id          bigint generated always as identity primary key,
    incident_id bigint not null references incident (id),
    at          timestamptz not null,
    actor_type  text not null check (actor_type in ('STAFF', 'SYSTEM')),
    actor_ref   text check (length(actor_ref) <= 64),
    entry_kind  text not null check (entry_kind ~ '^[A-Z][A-Z_]{2,39}$'),
    body        text not null check (length(body) between 1 and 20000)
);
create index incident_timeline_incident_idx on incident_timeline (incident_id, id);

create trigger incident_timeline_append_only before update or delete on incident_timeline
    for each row execute function incident_register_is_kept();
create trigger incident_timeline_no_truncate before truncate on incident_timeline
    for each statement execute function incident_register_is_kept();

create table incident_task (
    id          bigint generated always as identity primary key,
    public_ref  text not null unique,
    incident_id bigint not null references incident (id),
    title       text not null check (length(title) between 1 and 300),
    due_on      date not null,
    created_by  text not null,
    created_at  timestamptz not null,
    done_by     text,
    done_at     timestamptz
);
create index incident_task_incident_idx on incident_task (incident_id);

-- What an incident involves that can be searched for: addresses and ranges, accounts, email
-- domains, file hashes, URLs. Stored normalised, so the same one on two incidents is found.
create table incident_observable (
    id          bigint generated always as identity primary key,
    public_ref  text not null unique,
    incident_id bigint not null references incident (id),
    kind        text not null check (kind in ('ADDRESS', 'ACCOUNT', 'EMAIL_DOMAIN', 'FILE_HASH', 'URL')),
    value       text not null check (length(value) between 1 and 2000),
    added_by    text not null,
    added_at    timestamptz not null,
    unique (incident_id, kind, value)
);
create index incident_observable_value_idx on incident_observable (kind, value);

create table incident_evidence_link (
    id          bigint generated always as identity primary key,
    incident_id bigint not null references incident (id),
    label       text not null check (length(label) between 1 and 200),
    location    text not null check (length(location) between 1 and 2000),
    added_by    text not null,
    added_at    timestamptz not null
);
create index incident_evidence_link_incident_idx on incident_evidence_link (incident_id);

-- References other bodies gave the council for the incident, with the date it reported to them.
create table incident_external_reference (
    id          bigint generated always as identity primary key,
    incident_id bigint not null references incident (id),
    body        text not null check (body in ('ICO', 'NCSC', 'NCA', 'ACTION_FRAUD', 'POLICE')),
    reference   text not null check (length(reference) between 1 and 100),
    reported_on date not null,
    added_by    text not null,
    added_at    timestamptz not null
);
create index incident_external_reference_incident_idx on incident_external_reference (incident_id);

-- The residents whose documents or records an incident's blast-radius question found read, kept
-- so that telling them (UK GDPR Art 34) works from what was found, not from a later re-count.
create table incident_affected_resident (
    incident_id  bigint not null references incident (id),
    resident_ref text not null check (length(resident_ref) <= 64),
    documents    bigint not null check (documents >= 0),
    reads        bigint not null check (reads >= 0),
    found_at     timestamptz not null,
    primary key (incident_id, resident_ref)
);

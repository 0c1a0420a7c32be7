-- The audit trail: append-only and hash-chained (ADR 0004). Rows are spread over a few
-- parallel chains, each with its own lock, so audited acts do not queue behind one another.
create table audit_event (
    id             bigint primary key,
    chain          smallint not null check (chain between 0 and 63),
    occurred_at    timestamptz not null,
    action         text not null check (action ~ '^[A-Z][A-Z_]{2,63}$'),
    outcome        text not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    actor_type     text not null check (actor_type in ('RESIDENT', 'STAFF', 'SYSTEM', 'ANONYMOUS')),
    actor_ref      text check (length(actor_ref) <= 64),
    subject_ref    text check (length(subject_ref) <= 64),
    object_ref     text check (length(object_ref) <= 200),
    client_address inet,
    request_id     text check (length(request_id) <= 64),
    detail         text check (length(detail) <= 500),
    prev_hash      bytea not null check (length(prev_hash) = 32),
    row_hash       bytea not null check (length(row_hash) = 32)
);

create sequence audit_event_id_seq owned by audit_event.id;

create index audit_event_chain_idx on audit_event (chain, id);
create index audit_event_actor_idx on audit_event (actor_ref, occurred_at);
create index audit_event_subject_idx on audit_event (subject_ref, occurred_at);
create index audit_event_client_idx on audit_event (client_address, occurred_at);
create index audit_event_action_idx on audit_event (action, occurred_at);
create index audit_event_time_idx on audit_event (occurred_at);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

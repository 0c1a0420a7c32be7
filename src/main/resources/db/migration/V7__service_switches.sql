-- Service switches (continuity): each resident service is on, degraded (read-only) or off, with
-- the message residents see. Every change is kept, for the status page and the audit committee.
create table service_switch (
    service    text primary key check (service ~ '^[A-Z_]+$'),
    state      text not null check (state in ('ON', 'DEGRADED', 'OFF')),
    message    text check (length(message) <= 500),
    changed_at timestamptz not null,
    changed_by text
);

create table service_switch_history (
    id         bigint generated always as identity primary key,
    service    text not null,
    state      text not null check (state in ('ON', 'DEGRADED', 'OFF')),
    message    text check (length(message) <= 500),
    changed_at timestamptz not null,
    changed_by text
);
create index service_switch_history_time_idx on service_switch_history (changed_at desc);

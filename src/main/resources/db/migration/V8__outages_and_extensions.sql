-- Outages: from a resident service being switched off or read only until it is back on.
create table service_outage (
    id         bigint generated always as identity primary key,
    public_ref text not null unique,
    service    text not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    check (ended_at is null or ended_at >= started_at)
);
-- At most one open outage per service.
create unique index service_outage_open_idx on service_outage (service) where ended_at is null;

-- Deadlines moved because an outage swallowed them. One row per PCN per outage, so the same
-- outage can never extend a PCN twice; the window is kept so overlapping outages are not counted twice.
create table pcn_deadline_extension (
    id           bigint generated always as identity primary key,
    pcn_id       bigint not null references pcn (id),
    outage_ref   text not null,
    window_start date not null,
    window_end   date not null,
    days         integer not null check (days >= 0),
    created_at   timestamptz not null,
    unique (pcn_id, outage_ref),
    check (window_end >= window_start)
);
create index pcn_deadline_extension_pcn_idx on pcn_deadline_extension (pcn_id);

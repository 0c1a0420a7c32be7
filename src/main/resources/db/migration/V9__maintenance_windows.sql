-- Planned maintenance: announced on the banner in advance, then the service is switched off at
-- the start and back on at the end by a job, so its deadlines move like any other outage.
create table maintenance_window (
    id          bigint generated always as identity primary key,
    public_ref  text not null unique,
    service     text not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    message     text check (length(message) <= 500),
    announced_by text not null,
    started     boolean not null default false,
    ended       boolean not null default false,
    check (ends_at > starts_at),
    check (not ended or started)
);
create index maintenance_window_pending_idx on maintenance_window (starts_at) where not ended;

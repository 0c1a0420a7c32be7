-- Detection opens incidents by itself, one per episode: while an episode's incident is open,
-- further signals of the same kind are folded into it rather than opening another.
create table detection_episode (
    id             bigint generated always as identity primary key,
    signal         text not null check (signal ~ '^[A-Z][A-Z_]{2,39}$'),
    incident_id    bigint not null unique references incident (id),
    opened_at      timestamptz not null,
    last_signal_at timestamptz not null,
    -- Signals folded in after the first; the timeline gets a line at most every few minutes.
    signals        bigint not null default 1 check (signals >= 1),
    last_noted_at  timestamptz not null
);
create index detection_episode_signal_idx on detection_episode (signal, last_signal_at desc);

-- How far each watcher has read the audit trail, so a restart neither misses nor repeats a row.
create table detection_cursor (
    name         text primary key check (name ~ '^[a-z-]{1,40}$'),
    last_id      bigint not null check (last_id >= 0),
    updated_at   timestamptz not null
);

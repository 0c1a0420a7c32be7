-- Every backup and restore drill Townhall ran, for the staff page: when, how it ended, how much it
-- wrote, and for a drill how long recovery took and how old the recovered data was. The backups
-- themselves live in the backup store, never here.
create table backup_history (
    id                bigint generated always as identity primary key,
    kind              text not null check (kind in ('BACKUP', 'DRILL', 'RESTORE')),
    started_at        timestamptz not null,
    finished_at       timestamptz,
    state             text not null check (state in ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED')),
    backup_name       text check (length(backup_name) <= 100),
    bytes             bigint check (bytes >= 0),
    -- When the backed-up data was taken: what a restore from it would bring back.
    recovery_point    timestamptz,
    recovery_millis   bigint check (recovery_millis >= 0),
    problem           text check (length(problem) <= 1000)
);
create index backup_history_started_idx on backup_history (started_at desc);

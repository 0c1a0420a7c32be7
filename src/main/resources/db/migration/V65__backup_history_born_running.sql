-- A record of a backup or drill is born RUNNING and is finished once, as it ended (V62). Until now
-- only an ended record was kept: the application could still add a record that had already ended,
-- so one taken over could leave a failed drill in place and add a good one after it (or a good
-- backup that silences the missed-backup check), and could move a running record to another time
-- or kind before finishing it. A restore loads the backup's own history with triggers off
-- (session_replication_role = replica), so it is not refused here.
create or replace function backup_history_is_kept() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        if new.state = 'RUNNING' and new.finished_at is null and new.backup_name is null and new.bytes is null
                and new.recovery_point is null and new.recovery_millis is null and new.problem is null then
            return new;
        end if;
        raise exception 'backup_history is kept: a record that has already ended cannot be added' using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' then
        if old.state = 'RUNNING' and new.id = old.id and new.kind = old.kind and new.started_at = old.started_at then
            return new;
        end if;
    end if;
    raise exception 'backup_history is kept: % refused (only a running record is finished, as it started)', tg_op using errcode = '42501';
end $$;

create trigger backup_history_born_running before insert on backup_history
    for each row execute function backup_history_is_kept();

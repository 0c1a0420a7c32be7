-- A backup or drill, once it has ended, is kept as it ended: the staff page's history and the
-- recovery point it shows are what the security team relies on after an attack, so an application
-- that has been taken over must not be able to turn a failed drill into a good one or remove the
-- record of a missed backup. Only a record still RUNNING may be finished (or marked INTERRUPTED
-- after a crash). Deleting and emptying are also refused by privilege (ApplicationRoleGrants).
create function backup_history_is_kept() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if old.state = 'RUNNING' then
            return new;
        end if;
    end if;
    raise exception 'backup_history is kept: % of a record that has ended refused', tg_op using errcode = '42501';
end $$;

create trigger backup_history_kept before update or delete on backup_history
    for each row execute function backup_history_is_kept();
create trigger backup_history_not_emptied before truncate on backup_history
    for each statement execute function backup_history_is_kept();

-- Parking team leaders pass cases between parking officers. The list of roles is the check's
-- whole list: a later role is added by re-creating it with every role, this one included.
alter table staff_role drop constraint staff_role_role_check;
alter table staff_role add constraint staff_role_role_check
    check (role in ('PARKING_OFFICER', 'FINANCE_OFFICER', 'SERVICE_MANAGER', 'SECURITY_ANALYST', 'AUDITOR', 'ADMIN',
                    'PARKING_TEAM_LEAD'));

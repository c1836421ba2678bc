-- A write claims nginx's request id by recording itself in the audit trail first: a second
-- attempt of the same request (nginx retries it on another worker when one dies) waits on
-- the first's uncommitted row, then finds it and is answered from the stored state. One
-- statement where an advisory lock and a look-up took two. Direct FastCGI clients send no
-- request id (''): they claim nothing.
DROP INDEX audit_log_request;
CREATE UNIQUE INDEX audit_log_request ON audit_log (org_id, request_id) WHERE request_id <> '';

-- Resource counters in 16 slots per organisation and type, each transaction writing the slot
-- of its backend: concurrent creates no longer queue on one row (whose lock each held until
-- its commit was flushed). A total is the sum of the slots.
ALTER TABLE scim_resource_counts ADD COLUMN slot int NOT NULL DEFAULT 0;
ALTER TABLE scim_resource_counts DROP CONSTRAINT scim_resource_counts_pkey;
ALTER TABLE scim_resource_counts ADD PRIMARY KEY (org_id, resource_type, slot);

CREATE OR REPLACE FUNCTION scim_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
    SELECT changed.org_id, TG_ARGV[0], pg_backend_pid() % 16, count(*) FROM changed GROUP BY changed.org_id
    ON CONFLICT (org_id, resource_type, slot) DO UPDATE SET n = scim_resource_counts.n + excluded.n;
    RETURN NULL;
END
$$;

-- A slot may go below zero (deleted by another backend than the one that created); the sum
-- stays exact.
CREATE OR REPLACE FUNCTION scim_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scim_resource_counts (org_id, resource_type, slot, n)
    SELECT changed.org_id, TG_ARGV[0], pg_backend_pid() % 16, -count(*) FROM changed GROUP BY changed.org_id
    ON CONFLICT (org_id, resource_type, slot) DO UPDATE SET n = scim_resource_counts.n + excluded.n;
    RETURN NULL;
END
$$;

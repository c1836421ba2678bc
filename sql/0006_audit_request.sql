-- Finds the write of an earlier attempt of the same request (nginx sends a request again,
-- with the same request id, when the worker it went to died): see AuditStore::earlier_attempt.
CREATE INDEX audit_log_request ON audit_log (org_id, request_id);

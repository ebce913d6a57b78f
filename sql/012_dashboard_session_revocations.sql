-- Dashboard sessions ended by logout. The login cookie is signed and carries its own expiry, so any node accepts it
-- without a server-side session; a logout records the cookie's session id here until that expiry, and every node
-- refuses a recorded session. Rows past their expiry are deleted by the next logout.
CREATE TABLE IF NOT EXISTS dashboard_revoked_sessions (
    session_id text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_dashboard_revoked_sessions_expires ON dashboard_revoked_sessions (expires_at);

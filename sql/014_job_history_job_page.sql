-- History paging by job (the dashboard's job filter; the Overview's "recovered elsewhere" links to a node's lost
-- process-analysis attempts): an index range like the other filters' (006), so a rare job (debug) alone does not walk
-- back through every newer run. Numbered 014 so as not to meet another branch's 013.
CREATE INDEX IF NOT EXISTS ix_job_history_job_page ON job_history (job_name, started_at, id);

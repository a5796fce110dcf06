-- Claims of an instance that is gone return at once. A series claimed by an instance that was killed (kill -9, a
-- crash, an OOM kill) used to stay blocked until its lease expired (2 minutes by default, longer when configured).
--
-- Each instance that claims holds a session-level advisory lock keyed by its instance id, on a connection it keeps
-- open while it runs (forecaster_try_lock_instance). PostgreSQL releases the lock the moment that session ends,
-- which it notices at once when the process dies and its socket closes. A claim made while the claimant held its
-- lock records the claimant in claim_lock_holder; any other instance may take such a claim as soon as nobody holds
-- that lock any more (forecaster_instance_alive), whatever its lease says. A claim made without the lock (a build
-- from before this migration, an instance re-establishing its connection) keeps the plain lease. A machine that
-- vanishes without closing its sockets keeps its session until TCP gives up on it: the lease still bounds that wait.
ALTER TABLE series ADD COLUMN claim_lock_holder text;

-- Advisory locks share one key space per database: the first key marks Forecaster's instance locks ('FCST').
CREATE FUNCTION forecaster_instance_lock_key(instance text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashtext('forecaster instance ' || instance) $$;

CREATE FUNCTION forecaster_try_lock_instance(instance text) RETURNS boolean
LANGUAGE sql VOLATILE
AS $$ SELECT pg_try_advisory_lock(1178817364, forecaster_instance_lock_key(instance)) $$;

CREATE FUNCTION forecaster_unlock_instance(instance text) RETURNS boolean
LANGUAGE sql VOLATILE
AS $$ SELECT pg_advisory_unlock(1178817364, forecaster_instance_lock_key(instance)) $$;

-- pg_locks is readable by every role; two-key advisory locks appear with classid = key 1, objid = key 2, objsubid 2.
CREATE FUNCTION forecaster_instance_alive(instance text) RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT EXISTS (
        SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = 1178817364::oid AND objid = forecaster_instance_lock_key(instance)::oid)
$$;

-- Only the service takes instance locks (a lock taken by anyone else would only make a dead instance look alive).
REVOKE EXECUTE ON FUNCTION forecaster_try_lock_instance(text), forecaster_unlock_instance(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forecaster_try_lock_instance(text), forecaster_unlock_instance(text) TO forecaster_service;

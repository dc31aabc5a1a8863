-- OrleansGossip: the PostgreSQL schema of Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet).
--
-- The provider issues only the queries stored in the table OrleansQuery, by key, with named parameters (@DeploymentId,
-- @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime,
-- @Version), and reads the columns they return by name. The tables behind them are this project's own.
--
-- The table version (orleans_membership_version.version) is the etag of the whole membership table: every insert or
-- update of a silo's row must name the version it read and bumps it, in the same statement, or changes nothing and
-- answers 0.
--
-- Running this script again is harmless: tables are created when missing and the queries are replaced.
-- Apply it with:   dotnet run --project src/Silo -- db init --connection "<connection string>"
--            or:   psql "<connection string>" -v ON_ERROR_STOP=1 -f postgresql-clustering.sql

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- A silo's heartbeat; it needs no etag and answers nothing.
('UpdateIAmAlivetimeKey', '
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

-- The table''s version row, made once per deployment: answers 1 when this call made it.
('InsertMembershipVersionKey', '
WITH made AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*) FROM made;'),

-- A new silo row, only when the version is still @Version and the row does not exist yet; bumps the version.
('InsertMembershipKey', '
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    RETURNING 1)
SELECT count(*) FROM inserted;'),

-- A silo row''s status, suspicions and heartbeat, only when the version is still @Version; bumps the version.
('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND EXISTS (SELECT 1 FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE orleans_membership
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
       AND EXISTS (SELECT 1 FROM bumped)
    RETURNING 1)
SELECT count(*) FROM updated;'),

-- One silo''s row with the table version; the version alone (silo columns null) when the silo has no row.
('MembershipReadRowKey', '
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
         ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId;'),

-- Every silo''s row with the table version.
('MembershipReadAllKey', '
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId;'),

-- Forgets a deployment (its silo rows go with the version row).
('DeleteMembershipTableEntriesKey', '
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;'),

-- The gateways that clients may use: silos with status @Status (active) that listen for clients.
('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),

-- Rows of dead silos (status 6) not heard from since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6;'),

-- One dead silo''s row.
('CleanupDefunctSiloEntryKey', '
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND status = 6;')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

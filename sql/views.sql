-- Views over the published Parquet snapshot, one per table. {parquet_root} is replaced by the
-- warehouse's parquet directory (a symlink to the current snapshot), so these views always
-- read the newest published data. Partitioned tables expose the partition key `year` as
-- VARCHAR ('2021', ... or 'unknown' when the release has no date).

CREATE OR REPLACE VIEW raw_documents AS
SELECT * FROM read_parquet('{parquet_root}/raw_documents/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW documents AS
SELECT * FROM read_parquet('{parquet_root}/documents/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW sentences AS
SELECT * FROM read_parquet('{parquet_root}/sentences/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW tokens AS
SELECT * FROM read_parquet('{parquet_root}/tokens/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW date_mentions AS
SELECT * FROM read_parquet('{parquet_root}/date_mentions/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW money_mentions AS
SELECT * FROM read_parquet('{parquet_root}/money_mentions/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW person_mentions AS
SELECT * FROM read_parquet('{parquet_root}/person_mentions/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW country_mentions AS
SELECT * FROM read_parquet('{parquet_root}/country_mentions/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW meetings AS
SELECT * FROM read_parquet('{parquet_root}/meetings/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW acronyms AS
SELECT * FROM read_parquet('{parquet_root}/acronyms/**/*.parquet', hive_partitioning = true, hive_types = {'year': VARCHAR}, union_by_name = true);

CREATE OR REPLACE VIEW source_files AS
SELECT * FROM read_parquet('{parquet_root}/source_files/*.parquet', union_by_name = true);

CREATE OR REPLACE VIEW quarantine AS
SELECT * FROM read_parquet('{parquet_root}/quarantine/*.parquet', union_by_name = true);

CREATE OR REPLACE VIEW pipeline_runs AS
SELECT * FROM read_parquet('{parquet_root}/pipeline_runs/*.parquet', union_by_name = true);

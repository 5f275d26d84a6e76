-- Flink SQL for the Flowdeck flow "orders-canal-to-mysql" (flowdeck export --to flink-sql).
-- ${NAME} references are replaced before submitting, e.g.
--   envsubst < orders-canal-to-mysql.sql > job.sql && sql-client.sh -f job.sql

CREATE TABLE `orders-canal-to-mysql_source` (
  `id` STRING,
  `customer` STRING,
  `status` STRING,
  `note` STRING,
  `amount` STRING,
  `region` STRING,
  `email` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'tidb_shop_orders',
  'properties.bootstrap.servers' = '${FLOWDECK_KAFKA_BROKERS}',
  'properties.group.id' = 'orders-report',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'canal-json'
);

CREATE TABLE `orders-canal-to-mysql_sink` (
  `id` BIGINT,
  `customer` STRING,
  `label` STRING,
  `status` STRING,
  `note` STRING,
  `amount` DOUBLE,
  `origin` STRING,
  PRIMARY KEY (`id`) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://${REPORT_HOST}:${REPORT_PORT}/report',
  'table-name' = 'orders_report',
  'username' = '${REPORT_USER}',
  'password' = '${REPORT_PASSWORD}',
  'sink.buffer-flush.max-rows' = '500'
);

INSERT INTO `orders-canal-to-mysql_sink`
SELECT
  CAST(`id` AS BIGINT) AS `id`,
  UPPER(REGEXP_REPLACE(`customer`, '^\s+|\s+$', '')) AS `customer`,
  CASE WHEN `customer` IS NULL AND `status` IS NULL THEN CAST(NULL AS STRING) ELSE CONCAT_WS(' / ', `customer`, `status`) END AS `label`,
  COALESCE(`status`, 'new') AS `status`,
  SUBSTRING(REGEXP_REPLACE(`note`, '(\d{4})-(\d{4})', '$2-$1') FROM 1 FOR 80) AS `note`,
  CAST(`amount` AS DOUBLE) AS `amount`,
  'tidb' AS `origin`
FROM `orders-canal-to-mysql_source`
WHERE (`status` IS NULL OR `status` <> 'cancelled')
  AND `region` IN ('eu', 'us')
  AND TRY_CAST(`amount` AS DOUBLE) BETWEEN 1 AND 10000
  AND `customer` LIKE 'ACME\_%' ESCAPE '\'
  AND REGEXP(`email`, '@example\.com$')
  AND `id` IS NOT NULL;

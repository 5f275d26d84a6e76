-- The tables of the incremental-orders examples. Run on the server the flows read and write:
--   mariadb -h 127.0.0.1 -P 4000 -u root < orders.sql
CREATE DATABASE IF NOT EXISTS shop;
CREATE TABLE IF NOT EXISTS shop.orders (
  id BIGINT PRIMARY KEY,
  customer VARCHAR(40) NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY by_change (updated_at, id)   -- the keyset query reads this index in order
);
INSERT IGNORE INTO shop.orders (id, customer, amount, updated_at) VALUES
  (1, 'ann', 10.00, '2026-01-01 10:00:00'),
  (2, 'bob', 20.00, '2026-01-01 10:00:00'),
  (3, 'cy', 30.00, '2026-01-01 10:02:00');

CREATE DATABASE IF NOT EXISTS test;
CREATE TABLE IF NOT EXISTS test.orders_copy (
  id BIGINT PRIMARY KEY,
  customer VARCHAR(40) NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  updated_at DATETIME(3) NOT NULL
);

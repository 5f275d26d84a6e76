#!/usr/bin/env python3
"""Captures golden binlog events for the row decoder's unit test (tests/unit/tst_binloggolden.cpp).

Against a running sandbox MariaDB (`flowdeck sandbox start --dir DIR`), it creates a table with
every column type the decoder reads, runs an INSERT, an UPDATE and a DELETE of three rows (typical
values, limits, NULLs), and writes for each statement:

  tests/data/binlog/<name>.bin   the TABLE_MAP and ROWS events exactly as the server logged them
                                 (19-byte header, body, and the checksum when the server adds one)
  tests/data/binlog/<name>.json  the rows as the server itself renders them (SELECT before and
                                 after the statement), with the Value type the decoder must give

The expected rows come from the server, not from the decoder, so the test compares the decoder
with MariaDB. Usage:

  python3 tests/tools/capture_binlog_goldens.py --sandbox DIR/sandbox.json --out tests/data/binlog
"""
import argparse
import json
import os
import struct
import subprocess

TABLE = "all_types"
DB = "golden"

# name, column definition, SELECT expression rendering the server's value as text, Value type
COLUMNS = [
    ("ti", "TINYINT", "CAST(ti AS CHAR)", "int"),
    ("tiu", "TINYINT UNSIGNED", "CAST(tiu AS CHAR)", "uint"),
    ("si", "SMALLINT", "CAST(si AS CHAR)", "int"),
    ("siu", "SMALLINT UNSIGNED", "CAST(siu AS CHAR)", "uint"),
    ("mi", "MEDIUMINT", "CAST(mi AS CHAR)", "int"),
    ("miu", "MEDIUMINT UNSIGNED", "CAST(miu AS CHAR)", "uint"),
    ("i", "INT", "CAST(i AS CHAR)", "int"),
    ("iu", "INT UNSIGNED", "CAST(iu AS CHAR)", "uint"),
    ("bi", "BIGINT", "CAST(bi AS CHAR)", "int"),
    ("biu", "BIGINT UNSIGNED", "CAST(biu AS CHAR)", "uint"),
    ("dec4", "DECIMAL(20,4)", "CAST(dec4 AS CHAR)", "decimal"),
    ("dec0", "DECIMAL(5,0)", "CAST(dec0 AS CHAR)", "decimal"),
    ("dec30", "DECIMAL(65,30)", "CAST(dec30 AS CHAR)", "decimal"),
    ("fl", "FLOAT", "CAST(fl AS CHAR)", "float"),
    ("db", "DOUBLE", "CAST(db AS CHAR)", "double"),
    ("dt", "DATE", "CAST(dt AS CHAR)", "date"),
    ("tm", "TIME", "CAST(tm AS CHAR)", "time"),
    ("tm6", "TIME(6)", "CAST(tm6 AS CHAR)", "time"),
    ("dtm", "DATETIME", "CAST(dtm AS CHAR)", "datetime"),
    ("dtm3", "DATETIME(3)", "CAST(dtm3 AS CHAR)", "datetime"),
    ("ts6", "TIMESTAMP(6) NULL", "CAST(ts6 AS CHAR)", "datetime"),
    ("yr", "YEAR", "CAST(yr AS CHAR)", "int"),
    ("b1", "BIT(1)", "CAST(b1 + 0 AS CHAR)", "uint"),
    ("b10", "BIT(10)", "CAST(b10 + 0 AS CHAR)", "uint"),
    ("b64", "BIT(64)", "CAST(b64 + 0 AS CHAR)", "uint"),
    ("en", "ENUM('small','medium','large')", "CAST(en AS CHAR)", "text"),
    ("st", "SET('red','green','blue')", "CAST(st AS CHAR)", "text"),
    ("ch", "CHAR(10)", "CAST(ch AS CHAR)", "text"),
    ("vc", "VARCHAR(100)", "CAST(vc AS CHAR)", "text"),
    ("lat", "VARCHAR(20) CHARACTER SET latin1", "CONVERT(lat USING utf8mb4)", "text"),
    ("tx", "TEXT", "CAST(tx AS CHAR)", "text"),
    ("bn", "BINARY(4)", "HEX(bn)", "bytes"),
    ("vb", "VARBINARY(20)", "HEX(vb)", "bytes"),
    ("bl", "BLOB", "HEX(bl)", "bytes"),
    ("js", "JSON", "CAST(js AS CHAR)", "text"),
    ("geo", "GEOMETRY", "HEX(geo)", "bytes"),
]

ROWS = [
    # limits and non-ASCII text
    "(1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, "
    "-9223372036854775808, 18446744073709551615, -12345678901234.5678, 99999, "
    "'-12345678901234567890123456789012345.123456789012345678901234567890', 3.5, -1.25e-300, "
    "'2024-02-29', '-838:59:59', '12:34:56.000789', '9999-12-31 23:59:59', '2024-02-29 01:02:03.045', "
    "'2038-01-19 03:14:07.999999', 2155, b'1', b'1010101010', 18446744073709551615, 'large', 'red,blue', "
    "'h\u00e9llo', '\u00fcn\u00efc\u00f8d\u00e9 \u2713 \U0001F600', 'caf\u00e9', 'line1\\nline2\\ttab \"quote\"', "
    "0x00FF10AB, 0x000102, 0xDEADBEEF00, '{\"a\": [1, 2.5, \"x\"], \"b\": null}', ST_GeomFromText('POINT(1 2)'))",
    # zeros, small and empty values
    "(2, 0, 0, 1, 1, -1, 1, 0, 1, 0, 1, 0.0001, -7, '0.000000000000000000000000000001', 0.1, 0.1, "
    "'1000-01-01', '00:00:00', '-00:00:01.5', '1000-01-01 00:00:00', '1970-01-01 00:00:00.001', "
    "'1970-01-01 00:00:01', 1901, b'0', b'0', 0, 'small', '', '', '', '', '', 0x00000000, X'', X'', '[]', "
    "ST_GeomFromText('LINESTRING(0 0, 1.5 -2.25)'))",
    # NULL in every nullable column
    "(3" + ", NULL" * len(COLUMNS) + ")",
]

STATEMENTS = [
    ("insert", "INSERT INTO {t} VALUES " + ", ".join(ROWS)),
    ("update", "UPDATE {t} SET i = COALESCE(i, 0) + 1, vc = CONCAT(COALESCE(vc, ''), '!'), "
               "ts6 = '2001-02-03 04:05:06.7', en = 'medium' WHERE id IN (1, 2, 3)"),
    ("delete", "DELETE FROM {t} WHERE id IN (1, 2, 3)"),
]

TABLE_MAP = 19
ROWS_EVENTS = {23, 24, 25, 30, 31, 32}


def sql(sandbox, statement, database=None):
    command = ["mariadb", "--socket=" + sandbox["socket"], "-u" + sandbox["user"], "-N", "-B", "-r",
               "--default-character-set=utf8mb4", "-e", "SET time_zone = '+00:00'; " + statement]
    if sandbox.get("password"):
        command.insert(2, "-p" + sandbox["password"])
    if database:
        command.append(database)
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def server_rows(sandbox):
    """The table's rows as the server renders them: [[id, {type, value}...]...] by id."""
    exprs = ", ".join(e for _, _, e, _ in COLUMNS)
    out = sql(sandbox, f"SELECT JSON_ARRAY(id, {exprs}) FROM {DB}.{TABLE} ORDER BY id")
    rows = []
    for line in out.splitlines():
        values = json.loads(line)
        row = [{"type": "int", "value": str(values[0])}]
        for (_, _, _, kind), v in zip(COLUMNS, values[1:]):
            row.append(None if v is None else {"type": kind, "value": v})
        rows.append(row)
    return rows


def read_events(path, checksum):
    """(type, raw event bytes, body without header and checksum) of every event of a binlog file."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"\xfebin", path
    pos = 4
    while pos + 19 <= len(data):
        _, kind, _, length, _, _ = struct.unpack_from("<IBIIIH", data, pos)
        raw = data[pos:pos + length]
        yield kind, raw, raw[19:length - checksum]
        pos += length


def table_map_names(body):
    table_id = int.from_bytes(body[0:6], "little")
    n = body[8]
    db = body[9:9 + n].decode()
    m = body[10 + n]
    table = body[11 + n:11 + n + m].decode()
    return table_id, db, table


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sandbox", required=True, help="the sandbox's sandbox.json")
    parser.add_argument("--out", required=True, help="folder of the golden files")
    args = parser.parse_args()
    with open(args.sandbox) as f:
        sandbox = json.load(f)
    checksum = 4 if sql(sandbox, "SELECT @@binlog_checksum").strip() == "CRC32" else 0
    columns = ", ".join(f"`{n}` {d}" for n, d, _, _ in COLUMNS)
    sql(sandbox, f"CREATE DATABASE IF NOT EXISTS {DB}; CREATE OR REPLACE TABLE {DB}.{TABLE} "
                 f"(id INT PRIMARY KEY, {columns}) DEFAULT CHARSET=utf8mb4")
    sql(sandbox, "FLUSH BINARY LOGS")
    binlog = sql(sandbox, "SHOW MASTER STATUS").split("\t")[0]
    basedir = os.path.dirname(sql(sandbox, "SELECT @@log_bin_basename").strip())

    expected = {}
    for name, statement in STATEMENTS:
        before = {r[0]["value"]: r for r in server_rows(sandbox)}
        sql(sandbox, statement.replace("{t}", f"{DB}.{TABLE}"))
        after = {r[0]["value"]: r for r in server_rows(sandbox)}
        changes = []
        for key in ["1", "2", "3"]:
            change = {}
            if key in before and name != "insert":
                change["before"] = before[key]
            if key in after and name != "delete":
                change["after"] = after[key]
            changes.append(change)
        expected[name] = changes
    sql(sandbox, "FLUSH BINARY LOGS")

    # The table's events, one transaction per statement, in order.
    groups = []
    table_id = None
    for kind, raw, body in read_events(os.path.join(basedir, binlog), checksum):
        if kind == TABLE_MAP:
            tid, db, table = table_map_names(body)
            if (db, table) == (DB, TABLE):
                table_id = tid
                groups.append([raw])
        elif kind in ROWS_EVENTS and table_id is not None and int.from_bytes(body[0:6], "little") == table_id:
            groups[-1].append(raw)
    assert len(groups) == len(STATEMENTS), f"expected {len(STATEMENTS)} transactions, found {len(groups)}"

    os.makedirs(args.out, exist_ok=True)
    names = ["id"] + [n for n, _, _, _ in COLUMNS]
    for (name, statement), events in zip(STATEMENTS, groups):
        with open(os.path.join(args.out, name + ".bin"), "wb") as f:
            f.write(b"".join(events))
        doc = {
            "statement": statement.replace("{t}", f"{DB}.{TABLE}"),
            "server": sandbox.get("version", ""),
            "checksumBytes": checksum,
            "columns": names,
            "rows": expected[name],
        }
        with open(os.path.join(args.out, name + ".json"), "w") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: {len(events)} events, {sum(len(e) for e in events)} bytes")


if __name__ == "__main__":
    main()

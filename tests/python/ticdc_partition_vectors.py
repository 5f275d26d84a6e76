#!/usr/bin/env python3
"""Writes tests/data/partition/ticdc-vectors.json: the partitions TiCDC's dispatchers choose.

Computed here from TiCDC's algorithm as its Go source states it, independently of Flowdeck's C++:
- pkg/hash/position_inertia.go: hash = 0; each Write(b1, b2...) XORs crc32.ChecksumIEEE(b1+b2...).
- cdc/sink/dmlsink/mq/dispatcher/partition/table.go: Write(schema, table); partition = hash % n.
- index_value.go: Write(schema, table), then Write(name, ColumnValueString(value)) for each
  handle-key column; keyless tables therefore hash as `table`.
- columns.go: as index_value.go over the named columns (found case-insensitively, hashed under
  the table's spelling).
- cdc/model/sink.go ColumnValueString: nil -> "null", ints in decimal, float32 as
  FormatFloat(v,'f',-1,32), float64 as FormatFloat(v,'f',-1,64), []byte and string as is.
- cdc/entry/mounter.go formatColVal: ENUM -> its index (uint64), SET -> its bit mask, BIT -> its
  number, DECIMAL/DATE/TIME/DATETIME -> their text.
The first cases are the expectations of TiCDC's own tests (index_value_test.go, table_test.go,
columns_test.go), which this script reproduces before writing the file.

Run: python3 tests/python/ticdc_partition_vectors.py > tests/data/partition/ticdc-vectors.json
"""
import decimal
import json
import struct
import sys
import zlib


def go_float(x, bits):
    """strconv.FormatFloat(x, 'f', -1, bits): shortest round-trip digits, no exponent."""
    if x == 0:
        return "-0" if str(x).startswith("-") else "0"
    if bits == 64:
        digits = repr(x)
    else:
        target = struct.unpack("<f", struct.pack("<f", x))[0]
        for p in range(1, 12):
            digits = "%.*e" % (p - 1, target)
            if struct.unpack("<f", struct.pack("<f", float(digits)))[0] == target:
                break
    d = decimal.Decimal(digits).normalize()
    return format(d, "f")


def text_of(column, value):
    kind, v = next(iter(value.items()))
    if kind == "null":
        return b"null"
    if kind in ("int", "uint"):
        return str(int(v)).encode()
    if kind == "double":
        bits = 32 if column["dataType"] == "float" else 64
        return go_float(v, bits).encode()
    if column["dataType"] == "bit":  # the mounter makes BIT a number
        return str(int.from_bytes(bytes.fromhex(v), "big")).encode()
    if kind == "bytesHex":
        return bytes.fromhex(v)
    if column["dataType"] == "enum":
        members = [m.strip("'") for m in column["columnType"][5:-1].split(",")]
        return str(members.index(v) + 1).encode()
    if column["dataType"] == "set":
        members = [m.strip("'") for m in column["columnType"][4:-1].split(",")]
        mask = 0
        for part in v.split(","):
            mask |= 1 << members.index(part)
        return str(mask).encode()
    return v.encode()


def ticdc_hash(case):
    h = zlib.crc32((case["database"] + case["table"]).encode())
    cols = case["columns"]
    if case["strategy"] == "index-value":
        chosen = [c for c in cols if c.get("key")]
    elif case["strategy"].startswith("columns:"):
        chosen = []
        for name in case["strategy"][8:].split(","):
            chosen.append(next(c for c in cols if c["name"].lower() == name.lower()))
    else:
        chosen = []
    for c in chosen:
        h ^= zlib.crc32(c["name"].encode() + text_of(c, c["value"]))
    return h


def col(name, data_type, column_type, value, key=False):
    return {"name": name, "dataType": data_type, "columnType": column_type, "key": key, "value": value}


def case(name, strategy, database, table, columns, partitions, expected=None, origin="computed"):
    c = {"name": name, "origin": origin, "strategy": strategy, "database": database, "table": table,
         "columns": columns, "partitions": partitions}
    c["hash"] = ticdc_hash(c)
    c["partition"] = c["hash"] % partitions
    if expected is not None and c["partition"] != expected:
        sys.exit("%s: computed %d, TiCDC's test expects %d" % (name, c["partition"], expected))
    return c


INT = ("int", "int(11)")
cases = [
    case("tiflow index-value t1 a=11", "index-value", "test", "t1",
         [col("a", *INT, {"int": 11}, True), col("b", *INT, {"int": 22})], 16, 2, "tiflow index_value_test.go"),
    case("tiflow index-value t1 a=22", "index-value", "test", "t1",
         [col("a", *INT, {"int": 22}, True), col("b", *INT, {"int": 22})], 16, 11, "tiflow index_value_test.go"),
    case("tiflow index-value t1 b ignored", "index-value", "test", "t1",
         [col("a", *INT, {"int": 11}, True), col("b", *INT, {"int": 33})], 16, 2, "tiflow index_value_test.go"),
    case("tiflow index-value t2 (11,22)", "index-value", "test", "t2",
         [col("a", *INT, {"int": 11}, True), col("b", *INT, {"int": 22}, True)], 16, 5, "tiflow index_value_test.go"),
    case("tiflow index-value t2 (11,0)", "index-value", "test", "t2",
         [col("a", *INT, {"int": 11}, True), col("b", *INT, {"int": 0}, True)], 16, 14, "tiflow index_value_test.go"),
    case("tiflow index-value t2 (11,33)", "index-value", "test", "t2",
         [col("a", *INT, {"int": 11}, True), col("b", *INT, {"int": 33}, True)], 16, 2, "tiflow index_value_test.go"),
    case("tiflow table t1", "table", "test", "t1", [col("a", *INT, {"int": 1}, True)], 16, 15, "tiflow table_test.go"),
    case("tiflow table t2", "table", "test", "t2", [col("a", *INT, {"int": 1}, True)], 16, 5, "tiflow table_test.go"),
    case("tiflow table t3", "table", "test", "t3", [col("a", *INT, {"int": 1}, True)], 16, 3, "tiflow table_test.go"),
    case("tiflow default is table", "default", "test", "t1", [col("a", *INT, {"int": 7}, True)], 16, 15,
         "tiflow default.go + table_test.go"),
    case("tiflow columns col2,col1", "columns:col2,col1", "test", "t1",
         [col("col1", *INT, {"int": 22}), col("col2", *INT, {"int": 11}), col("col3", *INT, {"int": 33})], 16, 15,
         "tiflow columns_test.go"),
    case("tiflow columns case-insensitive", "columns:col2,col1", "test", "t1",
         [col("Col1", *INT, {"int": 22}), col("COL2", *INT, {"int": 11}), col("col3", *INT, {"int": 33})], 16, 5,
         "tiflow columns_test.go"),
    case("keyless table hashes as table", "index-value", "shop", "events",
         [col("at", "datetime", "datetime", {"text": "2024-01-02 03:04:05"}), col("v", *INT, {"int": 1})], 12),
    case("negative int", "index-value", "shop", "t", [col("id", "bigint", "bigint(20)", {"int": -9223372036854775808}, True)], 7),
    case("bigint unsigned max", "index-value", "shop", "t",
         [col("id", "bigint", "bigint(20) unsigned", {"uint": "18446744073709551615"}, True)], 7),
    case("varchar utf-8", "index-value", "shop", "users", [col("email", "varchar", "varchar(64)", {"text": "zoë@example.jp"}, True)], 6),
    case("varbinary bytes", "index-value", "shop", "blobs", [col("k", "varbinary", "varbinary(8)", {"bytesHex": "00ff10"}, True)], 6),
    case("decimal text", "index-value", "shop", "prices", [col("p", "decimal", "decimal(10,2)", {"decimal": "-9.90"}, True)], 6),
    case("float shortest", "index-value", "shop", "f", [col("x", "float", "float", {"double": 1.100000023841858}, True)], 6),
    case("double 1e23 no exponent", "index-value", "shop", "f", [col("x", "double", "double", {"double": 1e23}, True)], 6),
    case("double small", "index-value", "shop", "f", [col("x", "double", "double", {"double": 1e-7}, True)], 6),
    case("enum index", "index-value", "shop", "e", [col("s", "enum", "enum('a','b','c')", {"text": "c"}, True)], 6),
    case("set mask", "index-value", "shop", "e", [col("s", "set", "set('x','y','z')", {"text": "x,z"}, True)], 6),
    case("bit number", "index-value", "shop", "e", [col("b", "bit", "bit(10)", {"bytesHex": "0201"}, True)], 6),
    case("datetime fraction", "index-value", "shop", "e",
         [col("d", "datetime", "datetime(6)", {"datetime": "2024-02-29 23:59:59.123456"}, True)], 6),
    case("composite with null", "columns:name,region", "shop", "users",
         [col("id", *INT, {"int": 42}, True), col("name", "varchar", "varchar(10)", {"text": "ann"}),
          col("region", "varchar", "varchar(10)", {"null": True})], 3),
]
json.dump({"about": __doc__.strip().splitlines()[0], "cases": cases}, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")

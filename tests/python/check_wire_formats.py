#!/usr/bin/python3
"""Independent consumers of Flowdeck's Kafka topics (not Flowdeck decoding Flowdeck).

Reads topics with librdkafka's Python client (Debian's python3-confluent-kafka) and applies, as
facts written from the upstream documentation and source:
- Kafka Connect's JsonConverter with schemas.enable=true (connect/json JsonConverter.java:
  toConnectData, asConnectSchema, convertToConnect) to debezium-json keys and values;
- Flink's debezium-json reader (DebeziumJsonDeserializationSchema: tombstones skipped; op c/r
  need `after`, u/d need `before`; any other op, or none, fails the job);
- Flink's canal-json reader (CanalJsonDeserializationSchema: INSERT/DELETE read `data`, UPDATE
  pairs `data` with `old`, CREATE is skipped, any other type fails unless ignore-parse-errors);
- TiCDC's kafka-consumer (cmd/kafka-consumer/writer.go checkPartition, with the index-value
  dispatcher and PositionInertia hash) and its watermark rule, to canal-json with _tidb fields;
- the golden field values of tests/data/wire/expected.json.
Exit status 0 when every rule holds; every violation is printed.
"""
import argparse
import base64
import decimal
import json
import sys
import zlib

from confluent_kafka import Consumer, TopicPartition

problems = []


def problem(where, message):
    problems.append("%s: %s" % (where, message))


def read_topic(bootstrap, topic, partitions):
    """Every message of the topic, per partition in offset order: (partition, offset, key, value)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "flowdeck-wirecheck",
                         "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    ends = {}
    for p in range(partitions):
        low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=15)
        if high > low:
            ends[p] = (low, high)
    consumer.assign([TopicPartition(topic, p, low) for p, (low, _) in ends.items()])
    out = []
    remaining = {p: high for p, (_, high) in ends.items()}
    idle = 0
    while remaining and idle < 30:
        m = consumer.poll(1.0)
        if m is None:
            idle += 1
            continue
        if m.error():
            problem(topic, "consumer error %s" % m.error())
            continue
        out.append((m.partition(), m.offset(), m.key(), m.value()))
        if m.offset() + 1 >= remaining.get(m.partition(), 0):
            remaining.pop(m.partition(), None)
    consumer.close()
    if remaining:
        problem(topic, "could not read to the end of partitions %s" % sorted(remaining))
    return out


# ---- Kafka Connect JsonConverter (schemas.enable=true) -------------------------------------

INT_RANGES = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}
PRIMITIVES = set(INT_RANGES) | {"float", "double", "boolean", "string", "bytes"}


def connect_value(where, schema, value):
    """convertToConnect: the value as Kafka Connect reads it, or a problem."""
    if not isinstance(schema, dict) or "type" not in schema:
        problem(where, "schema without a type: %r" % (schema,))
        return None
    if value is None:
        if "default" in schema:
            return schema["default"]
        if not schema.get("optional", False):
            problem(where, "null for a required %s field" % schema["type"])
        return None
    t = schema["type"]
    name = schema.get("name")
    if t in INT_RANGES:
        bits = INT_RANGES[t]
        if not isinstance(value, int) or isinstance(value, bool):
            problem(where, "%s field holds %r" % (t, value))
        elif not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
            problem(where, "%d out of %s range" % (value, t))
        return value
    if t in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problem(where, "%s field holds %r" % (t, value))
        return value
    if t == "boolean":
        if not isinstance(value, bool):
            problem(where, "boolean field holds %r" % (value,))
        return value
    if t == "string":
        if not isinstance(value, str):
            problem(where, "string field holds %r" % (value,))
        return value
    if t == "bytes":
        if not isinstance(value, str):
            problem(where, "bytes field holds %r" % (value,))
            return None
        try:
            raw = base64.b64decode(value, validate=True)
        except ValueError:
            problem(where, "bytes field is not base64: %r" % value)
            return None
        if name == "org.apache.kafka.connect.data.Decimal":
            params = schema.get("parameters", {})
            if "scale" not in params:
                problem(where, "Decimal without a scale parameter")
                return None
            unscaled = int.from_bytes(raw, "big", signed=True)
            return decimal.Decimal(unscaled).scaleb(-int(params["scale"]))
        return raw
    if t == "array":
        if not isinstance(value, list):
            problem(where, "array field holds %r" % (value,))
            return None
        return [connect_value(where + "[]", schema.get("items"), v) for v in value]
    if t == "struct":
        if not isinstance(value, dict):
            problem(where, "Structs should be encoded as JSON objects")
            return None
        fields = schema.get("fields", [])
        names = [f.get("field") for f in fields]
        extra = set(value) - set(names)
        if extra:
            problem(where, "payload fields without a schema: %s" % sorted(extra))
        if list(value) != [n for n in names if n in value]:
            problem(where, "payload field order %s differs from the schema's %s" % (list(value), names))
        return {f["field"]: connect_value(where + "." + f["field"], f, value.get(f["field"])) for f in fields}
    problem(where, "unknown schema type %r" % t)
    return None


def json_converter(where, data):
    """toConnectData with schemas.enable=true: (schema, value) or None for a null record."""
    if data is None:
        return None, None
    try:
        envelope = json.loads(data)
    except ValueError as e:
        problem(where, "not JSON: %s" % e)
        return None, None
    if not isinstance(envelope, dict) or set(envelope) != {"schema", "payload"}:
        problem(where, "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not "
                       "contain additional fields")
        return None, None
    if envelope["schema"] is None:
        return None, envelope["payload"]
    return envelope["schema"], connect_value(where, envelope["schema"], envelope["payload"])


# ---- Debezium: JsonConverter + Flink's debezium-json ----------------------------------------

ENVELOPE_FIELDS = ["before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns"]
SOURCE_FIELDS = ["version", "connector", "name", "ts_ms", "snapshot", "db", "sequence", "ts_us", "ts_ns",
                 "table", "server_id", "gtid", "file", "pos", "row", "thread", "query"]


def check_debezium(topic, messages, server_name):
    changes = []  # (partition, op, key payload, value)
    for partition, offset, key, value in messages:
        where = "%s[%d]@%d" % (topic, partition, offset)
        key_schema, key_value = json_converter(where + " key", key)
        if value is None:
            changes.append((partition, "tombstone", key_value, None))  # Flink skips tombstones
            continue
        schema, payload = json_converter(where, value)
        if payload is None:
            continue
        if schema is not None:
            names = [f["field"] for f in schema["fields"]]
            if names != ENVELOPE_FIELDS:
                problem(where, "envelope fields %s, Debezium 2.6+ declares %s" % (names, ENVELOPE_FIELDS))
            if not schema.get("name", "").startswith(server_name + ".") or not schema["name"].endswith(".Envelope"):
                problem(where, "envelope schema name %r" % schema.get("name"))
            source = next(f for f in schema["fields"] if f["field"] == "source")
            if [f["field"] for f in source["fields"]] != SOURCE_FIELDS:
                problem(where, "source fields %s" % [f["field"] for f in source["fields"]])
            if key_schema is not None and key_schema.get("name", "") != schema["name"][:-len("Envelope")] + "Key":
                problem(where, "key schema name %r" % key_schema.get("name"))
        op = payload.get("op")
        # Flink's DebeziumJsonDeserializationSchema
        if op in ("c", "r"):
            if payload.get("after") is None:
                problem(where, "op %s without after" % op)
        elif op in ("u", "d"):
            if payload.get("before") is None:
                problem(where, "op %s without before (Flink: REPLICA IDENTITY error)" % op)
        else:
            problem(where, "Flink debezium-json: Unknown \"op\" value %r" % (op,))
            continue
        src = payload["source"]
        if src.get("name") != server_name:
            problem(where, "source.name %r" % src.get("name"))
        if src["ts_us"] != src["ts_ms"] * 1000 or src["ts_ns"] != src["ts_ms"] * 1000000:
            problem(where, "source ts_ms/ts_us/ts_ns disagree")
        if not payload["ts_ms"] * 1000 <= payload["ts_us"] < (payload["ts_ms"] + 1) * 1000:
            problem(where, "envelope ts_us does not match ts_ms")
        changes.append((partition, op, key_value, payload))
    return changes


def check_schema_changes(topic, messages, databases):
    seen = []
    for partition, offset, key, value in messages:
        where = "%s[%d]@%d" % (topic, partition, offset)
        _, key_value = json_converter(where + " key", key)
        _, payload = json_converter(where, value)
        if payload is None:
            continue
        for field in ("source", "ts_ms", "databaseName", "schemaName", "ddl", "tableChanges"):
            if field not in payload:
                problem(where, "schema change event without %s" % field)
        if key_value != {"databaseName": payload.get("databaseName")}:
            problem(where, "key %r is not the databaseName" % (key_value,))
        if payload.get("databaseName") not in databases:
            problem(where, "databaseName %r" % payload.get("databaseName"))
        seen.append(payload.get("ddl", ""))
    return seen


# ---- canal-json: Flink's canal-json and TiCDC's kafka-consumer ------------------------------

CANAL_FIELDS = ["id", "database", "table", "pkNames", "isDdl", "type", "es", "ts", "sql", "sqlType",
                "mysqlType", "old", "data"]
BINARY_TYPES = ("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob")


def ticdc_value_text(mysql_type, value):
    """What TiCDC's canal-json decoder rebuilds and ColumnValueString prints for a data value."""
    if value is None:
        return b"null"
    if mysql_type.split(" ")[0] in BINARY_TYPES:
        return value.encode("latin-1")
    return value.encode("utf-8")


def ticdc_partition(msg, row, partitions):
    h = zlib.crc32((msg["database"] + msg["table"]).encode())
    for name in msg["pkNames"]:
        h ^= zlib.crc32(name.encode() + ticdc_value_text(msg["mysqlType"][name], row[name]))
    return h % partitions


def check_canal(topic, messages, partitions, tidb):
    rows = []
    flink_rejects = []
    watermark = {}
    for partition, offset, key, value in messages:
        where = "%s[%d]@%d" % (topic, partition, offset)
        msg = json.loads(value)
        if tidb and msg.get("type") == "TIDB_WATERMARK":
            watermark[partition] = max(watermark.get(partition, 0), msg["_tidb"]["watermarkTs"])
            continue
        fields = list(msg)
        want = CANAL_FIELDS + (["_tidb"] if tidb else [])
        if msg.get("isDdl"):
            want = CANAL_FIELDS[:11] + ["data", "old"] + (["_tidb"] if tidb else [])
        if fields != want:
            problem(where, "fields %s, TiCDC writes %s" % (fields, want))
        if msg.get("isDdl"):
            if partition != 0:
                problem(where, "TiCDC sends DDL to partition 0")
            if msg["type"] != "CREATE":
                flink_rejects.append(msg["type"])  # Flink: Unknown "type" (as for TiCDC's own)
            rows.append((partition, "DDL:" + msg["type"], msg["sql"], msg))
            continue
        t = msg["type"]
        if t not in ("INSERT", "UPDATE", "DELETE"):
            problem(where, "Flink canal-json: Unknown \"type\" value %r" % t)
            continue
        if not isinstance(msg["pkNames"], list):
            problem(where, "pkNames %r is not a list" % (msg["pkNames"],))
            continue
        data = msg["data"]
        if not isinstance(data, list) or not data:
            problem(where, "data %r" % (data,))
            continue
        if t == "UPDATE" and (not isinstance(msg["old"], list) or len(msg["old"]) != len(data)):
            problem(where, "UPDATE old does not pair with data")
        for i, row in enumerate(data):
            if set(row) != set(msg["sqlType"]) or set(row) != set(msg["mysqlType"]):
                problem(where, "data, sqlType and mysqlType name different columns")
            for name, v in row.items():
                if v is not None and not isinstance(v, str):
                    problem(where, "value of %s is not a string" % name)
            if tidb:
                expected = ticdc_partition(msg, row, partitions)
                if expected != partition:
                    problem(where, "TiCDC: RowChangedEvent dispatched to wrong partition %d, expected %d"
                            % (partition, expected))
                commit_ts = msg["_tidb"]["commitTs"]
                if commit_ts < watermark.get(partition, 0):
                    problem(where, "TiCDC: commitTs %d below the partition's watermark" % commit_ts)
            rows.append((partition, t, row, msg))
    if tidb:
        for p in range(partitions):
            if p not in watermark:
                problem(topic, "partition %d never got a TIDB_WATERMARK" % p)
    return rows, flink_rejects


# ---- golden expectations --------------------------------------------------------------------

def jsonable(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, bytes):
        return "hex:" + v.hex()
    return v


def check_expected(kind, changes, expected):
    for want in expected:
        match = [c for c in changes if c[1] == want["op"] and want["where"].items() <= c[2].items()]
        if not match:
            problem(kind, "no %s message for %s" % (want["op"], want["where"]))
            continue
        got = match[0][2]
        for name, value in want["fields"].items():
            if jsonable(got.get(name)) != value:
                problem(kind, "%s %s: %s is %r, expected %r" % (want["op"], want["where"], name,
                                                               jsonable(got.get(name)), value))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--partitions", type=int, required=True)
    ap.add_argument("--canal", nargs="*", default=[])
    ap.add_argument("--canal-tidb", nargs="*", default=[])
    ap.add_argument("--debezium", nargs="*", default=[])
    ap.add_argument("--server-name", default="flowdeck")
    ap.add_argument("--database", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--expect-ddl", type=int, default=0, help="schema changes expected in the server topic")
    args = ap.parse_args()
    expected = json.load(open(args.expected))
    counts = {}

    canal_rows = []
    for topic in args.canal + args.canal_tidb:
        msgs = read_topic(args.bootstrap, topic, args.partitions)
        counts[topic] = len(msgs)
        rows, rejects = check_canal(topic, msgs, args.partitions, topic in args.canal_tidb)
        if topic in args.canal:
            canal_rows += [(p, t, r) for p, t, r, _ in rows if not t.startswith("DDL:")]
        ddl_types = [t[4:] for _, t, _, _ in rows if t.startswith("DDL:")]
        print("%s: %d messages, DDL types %s, Flink would reject DDL types %s"
              % (topic, len(msgs), ddl_types, rejects))
    if args.canal:
        check_expected("canal-json", canal_rows, expected["canal-json"])
        check_sequence("canal-json", canal_rows, expected["canal-json-sequence"])

    dbz = []
    for topic in args.debezium:
        msgs = read_topic(args.bootstrap, topic, args.partitions)
        counts[topic] = len(msgs)
        dbz += check_debezium(topic, msgs, args.server_name)
    if args.debezium:
        dbz_rows = [(p, op, (v or {}).get("after") or (v or {}).get("before") or {}) for p, op, _, v in dbz]
        check_expected("debezium-json", dbz_rows, expected["debezium-json"])
        check_sequence("debezium-json", dbz, expected["debezium-json-sequence"])
        schema_msgs = read_topic(args.bootstrap, args.server_name, 1)
        ddls = check_schema_changes(args.server_name, schema_msgs, {args.database})
        print("%s: %d schema change events: %s" % (args.server_name, len(ddls), ddls))
        if len(ddls) != args.expect_ddl:
            problem(args.server_name, "%d schema change events, expected %d" % (len(ddls), args.expect_ddl))
        for d in ddls:
            if d.upper().startswith(("GRANT", "CREATE USER", "DROP USER")):
                problem(args.server_name, "not a schema change: %s" % d)

    for p in problems:
        print("PROBLEM", p)
    print("checked %d messages in %d topics, %d problems" % (sum(counts.values()), len(counts), len(problems)))
    return 1 if problems else 0


def check_sequence(kind, changes, wanted):
    """Each key's operations in the order its messages arrive (one key: one partition)."""
    by_step = {}
    for step in wanted:
        by_step.setdefault(step["key"], []).append(step["op"])
    for key, ops in by_step.items():
        seen = [c[1] for c in changes if key_of(c) == key]
        if seen != ops:
            problem(kind, "key %s: operations %s, expected %s" % (key, seen, ops))


def key_of(change):
    row = change[2] or {}
    if isinstance(row, dict) and "id" in row:
        return str(row["id"])
    return None


if __name__ == "__main__":
    sys.exit(main())

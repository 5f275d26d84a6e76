#!/usr/bin/env python3
"""Writes the crafted seeds of fuzz_binlogtablemap and fuzz_binlogrows into corpus/: a TABLE_MAP
event of a table with one column of each common type (optional metadata as MariaDB 10.11 writes it
with binlog_row_metadata=FULL), and WRITE/UPDATE/DELETE_ROWS v1/v2 events of rows of it. Run it
again after changing the layouts below; the files are committed."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def packed(n):
    if n < 251:
        return bytes([n])
    if n < 1 << 16:
        return b'\xfc' + struct.pack('<H', n)
    if n < 1 << 24:
        return b'\xfd' + struct.pack('<I', n)[:3]
    return b'\xfe' + struct.pack('<Q', n)


def lenstr(s):
    return packed(len(s)) + s


# (name, type, metadata bytes, numeric, text)
COLUMNS = [
    (b'id', 3, b'', True, False),                 # LONG
    (b'name', 15, struct.pack('<H', 160), False, True),  # VARCHAR(40) utf8mb4
    (b'price', 246, bytes([10, 2]), True, False),  # NEWDECIMAL(10,2)
    (b'created', 18, bytes([0]), False, False),    # DATETIME2(0)
    (b'body', 252, bytes([2]), False, True),       # BLOB/TEXT
    (b'state', 254, bytes([247, 1]), False, False),  # ENUM, pack length 1
    (b'big', 8, b'', True, False),                 # LONGLONG
    (b'ratio', 5, bytes([8]), True, False),        # DOUBLE
    (b'day', 10, b'', False, False),               # DATE
    (b'at', 19, bytes([3]), False, False),         # TIME2(3)
    (b'yr', 13, b'', True, False),                 # YEAR
    (b'flag', 16, bytes([1, 0]), False, False),    # BIT(1)
    (b'stamp', 17, bytes([6]), False, False),      # TIMESTAMP2(6)
]


def table_map(columns=COLUMNS, optional=True):
    body = struct.pack('<Q', 42)[:6] + b'\x01\x00'
    body += bytes([4]) + b'shop' + b'\x00' + bytes([6]) + b'orders' + b'\x00'
    body += packed(len(columns)) + bytes(c[1] for c in columns)
    meta = b''.join(c[2] for c in columns)
    body += packed(len(meta)) + meta
    nulls = bytearray((len(columns) + 7) // 8)
    for i in range(1, len(columns)):
        nulls[i // 8] |= 1 << (i % 8)
    body += bytes(nulls)
    if optional:
        numeric = [c for c in columns if c[3]]
        bits = bytearray((len(numeric) + 7) // 8)
        bits[0] |= 0x80 >> 1  # the second numeric column unsigned
        body += b'\x01' + lenstr(bytes(bits))                            # signedness
        body += b'\x02' + lenstr(packed(45) + packed(1) + packed(63))     # default charset, body binary
        body += b'\x04' + lenstr(b''.join(lenstr(c[0]) for c in columns))  # names
        body += b'\x06' + lenstr(packed(3) + lenstr(b'new') + lenstr(b'paid') + lenstr(b"it's"))  # enum labels
        body += b'\x08' + lenstr(packed(0))                                # primary key
    return body


def row_image(values):
    nulls = bytearray((len(values) + 7) // 8)
    data = b''
    for i, v in enumerate(values):
        if v is None:
            nulls[i // 8] |= 1 << (i % 8)
        else:
            data += v
    return bytes(nulls) + data


def datetime2(y, mo, d, h, mi, s):
    ym = y * 13 + mo
    v = (((ym << 5) | d) << 17) | (h << 12) | (mi << 6) | s
    return struct.pack('>Q', v + 0x8000000000)[3:]


def row(i, name, null_some=False):
    values = [
        struct.pack('<i', i),
        bytes([len(name)]) + name,
        bytes([0x80, 0, 0, i & 0xff, 50]),  # i.50
        datetime2(2026, 12, 7, 22, 30, i % 60),
        struct.pack('<H', 5) + b'\x00\xff\x10ab',
        bytes([1 + i % 3]),
        struct.pack('<q', -i * 1000000007),
        struct.pack('<d', i / 3),
        struct.pack('<I', 7 | 12 << 5 | 2026 << 9)[:3],
        struct.pack('>I', 0x800000 + (12 << 12 | 34 << 6 | 56))[1:] + struct.pack('>H', 789),
        bytes([126]),
        bytes([1]),
        struct.pack('>I', 1765146600 + i) + struct.pack('>I', 123456)[1:],
    ]
    if null_some:
        values[1] = None
        values[4] = None
    return row_image(values)


def rows_event(event_type, rows, ncols=len(COLUMNS)):
    v2 = event_type >= 30
    body = struct.pack('<Q', 42)[:6] + b'\x01\x00'
    if v2:
        body += struct.pack('<H', 2)
    bitmap = bytes([0xff] * (ncols // 8) + ([(1 << (ncols % 8)) - 1] if ncols % 8 else []))
    body += packed(ncols) + bitmap
    if event_type in (24, 31):
        body += bitmap
    return body + b''.join(rows)


def write(folder, name, data):
    path = os.path.join(HERE, 'corpus', folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), 'wb') as f:
        f.write(data)


def main():
    tm = table_map()
    write('binlogtablemap', 'full-metadata', tm)
    write('binlogtablemap', 'no-optional-metadata', table_map(optional=False))
    selector = {23: 0, 24: 1, 25: 2, 30: 3, 31: 4, 32: 5}
    for event_type, rows in [
        (30, [row(1, b'alpha'), row(2, b'beta', True)]),
        (31, [row(1, b'alpha'), row(1, b'gamma', True)]),
        (32, [row(2, b'beta')]),
        (23, [row(3, b'v1 write')]),
        (24, [row(3, b'v1'), row(3, b'v1 update')]),
        (25, [row(3, b'v1 update')]),
    ]:
        data = struct.pack('<H', len(tm)) + tm + bytes([selector[event_type]]) + rows_event(event_type, rows)
        write('binlogrows', 'rows-%d' % event_type, data)


if __name__ == '__main__':
    main()

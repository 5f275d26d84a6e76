#!/usr/bin/env python3
# Regenerates vectors.txt: python3 tests/data/mysql-json/make_vectors.py
# Builds MySQL binary JSON byte vectors from the format in sql-common/json_binary.h.
import struct
def le(v,n): return v.to_bytes(n,'little', signed=False)
def varlen(n):
    out=b''
    while True:
        b=n&0x7f; n>>=7
        if n: out+=bytes([b|0x80])
        else: out+=bytes([b]); return out
# values: ('obj',[(k,v)]), ('arr',[v]), ('lit',0/1/2), ('i16',x), ('u16',x),('i32',x),('u32',x),('i64',x),('u64',x),('dbl',x),('str',s),('opq',type,bytes)
def typ(v,large):
    t=v[0]
    return {'obj':1 if large else 0,'arr':3 if large else 2,'lit':4,'i16':5,'u16':6,'i32':7,'u32':8,'i64':9,'u64':10,'dbl':11,'str':12,'opq':15}[t]
def scalar(v):
    t=v[0]
    if t=='lit': return bytes([v[1]])
    if t=='i16': return struct.pack('<h',v[1])
    if t=='u16': return struct.pack('<H',v[1])
    if t=='i32': return struct.pack('<i',v[1])
    if t=='u32': return struct.pack('<I',v[1])
    if t=='i64': return struct.pack('<q',v[1])
    if t=='u64': return struct.pack('<Q',v[1])
    if t=='dbl': return struct.pack('<d',v[1])
    if t=='str': b=v[1].encode(); return varlen(len(b))+b
    if t=='opq': return bytes([v[1]])+varlen(len(v[2]))+v[2]
def inlined(v,large):
    return v[0] in ('lit','i16','u16') or (large and v[0] in ('i32','u32'))
def body(v,large=False):
    """bytes of a value without its type byte; containers use `large` for themselves"""
    t=v[0]
    if t not in ('obj','arr'): return scalar(v)
    items=v[1]; n=len(items); w=4 if large else 2
    keys=[k.encode('utf-8','surrogateescape') for k,_ in items] if t=='obj' else []
    vals=[x for _,x in items] if t=='obj' else items
    header=2*w+(n*(w+2) if t=='obj' else 0)+n*(1+w)
    off=header
    keyents=b''; keydata=b''
    for k in keys:
        keyents+=le(off,w)+le(len(k),2); keydata+=k; off+=len(k)
    valents=b''; valdata=b''
    for x in vals:
        sub_large=large and x[0] in ('obj','arr')
        if inlined(x,large):
            valents+=bytes([typ(x,large)])+scalar(x).ljust(w,b'\0')
        else:
            b=body(x,sub_large)
            valents+=bytes([typ(x,sub_large)])+le(off,w); valdata+=b; off+=len(b)
    return le(n,w)+le(off,w)+keyents+valents+keydata+valdata
def doc(v,large=False): return bytes([typ(v,large)])+body(v,large)
def packed_dt(y,mo,d,h,mi,s,us,neg=False):
    ymd=((y*13+mo)<<5)|d; hms=(h<<12)|(mi<<6)|s
    p=(((ymd<<17)|hms)<<24)+us
    return struct.pack('<q',-p if neg else p)
def packed_t(h,mi,s,us,neg=False):
    p=(((h<<12)|(mi<<6)|s)<<24)+us
    return struct.pack('<q',-p if neg else p)
cases=[
 ('empty-is-null', b'', 'null'),
 ('literal-true', doc(('lit',1)), 'true'),
 ('int16-negative', doc(('i16',-5)), '-5'),
 ('uint64-max', doc(('u64',2**64-1)), '18446744073709551615'),
 ('int64-min', doc(('i64',-2**63)), '-9223372036854775808'),
 ('double-fraction', doc(('dbl',1.5)), '1.5'),
 ('double-whole', doc(('dbl',2.0)), '2.0'),
 ('double-exponent', doc(('dbl',1e300)), '1e300'),
 ('double-small', doc(('dbl',-1.25e-7)), '-1.25e-7'),
 ('string-escapes', doc(('str','a"b\\c\n\u00e9\U0001F600')), '"a\\"b\\\\c\\n\u00e9\U0001F600"'),
 ('small-object', doc(('obj',[('a',('i16',1)),('b',('arr',[('lit',1),('lit',0),('str','x')]))])), '{"a": 1, "b": [true, null, "x"]}'),
 ('large-object', doc(('obj',[('k',('i32',-70000)),('n',('obj',[('z',('u32',4000000000))]))]),True), '{"k": -70000, "n": {"z": 4000000000}}'),
 ('large-array-inlined-int32', doc(('arr',[('i32',123456),('u16',65535),('dbl',-0.25)]),True), '[123456, 65535, -0.25]'),
 ('empty-object-and-array', doc(('arr',[('obj',[]),('arr',[])])), '[{}, []]'),
 ('opaque-decimal', doc(('opq',246,bytes([4,2])+bytes([0x80^0x0c,0x22]))), '12.34'),
 ('opaque-negative-decimal', doc(('opq',246,bytes([4,2])+bytes([(0x80^0x0c)^0xff,0x22^0xff]))), '-12.34'),
 ('opaque-datetime', doc(('opq',12,packed_dt(2024,2,29,23,59,59,123456))), '"2024-02-29 23:59:59.123456"'),
 ('opaque-date', doc(('opq',10,packed_dt(1999,12,31,0,0,0,0))), '"1999-12-31"'),
 ('opaque-time-negative', doc(('opq',11,packed_t(838,59,59,0,True))), '"-838:59:59.000000"'),
 ('opaque-blob', doc(('opq',252,b'\x00\xff')), '"base64:type252:AP8="'),
 ('nested-deep', doc(('arr',[('obj',[('a',('arr',[('arr',[('i16',7)])]))])])), '[{"a": [[7]]}]'),
]
bad=[
 ('truncated-object', doc(('obj',[('a',('str','hello'))]))[:-3]),
 ('unknown-type', bytes([0x0d,1,2])),
 ('offset-out-of-range', bytes([0x02])+le(1,2)+le(7,2)+bytes([0x0c])+le(200,2)),
 ('string-not-utf8', bytes([0x0c,5])+b'he\x8b\x1f\x00'),  # found by fuzz_binlogjson
 ('key-not-utf8', doc(('obj',[('\udcff',('i16',1))]))),
]
with open(__import__('os').path.join(__import__('os').path.dirname(__file__), 'vectors.txt'), 'w') as f:
    f.write('# MySQL binary JSON vectors built from sql-common/json_binary.h (no MySQL server on Debian):\n')
    f.write('# name<TAB>hex of the binlog value<TAB>the JSON text MySQL prints; "!" for input that must be refused\n')
    for n,b,t in cases: f.write(f'{n}\t{b.hex()}\t{t}\n')
    for n,b in bad: f.write(f'{n}\t{b.hex()}\t!\n')

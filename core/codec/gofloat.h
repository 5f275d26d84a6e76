#pragma once

#include <string>

namespace flowdeck {

/// Appends `v` as Go's `strconv.FormatFloat(v, 'f', -1, bitSize)` writes it: the shortest
/// digits that read back as the same float32 (bitSize 32) or float64 (bitSize 64), laid out
/// without an exponent ("1.1", "100000000000000000000000" for 1e23, "0.000001", "-0").
/// TiCDC formats FLOAT/DOUBLE values this way in canal-json and when hashing them for
/// partitioning (pkg/sink/codec/canal/canal_entry.go, cdc/model/sink.go ColumnValueString).
/// NaN and infinities, which TiCDC's mounter turns into 0, are written as "0".
void appendGoFloat(std::string &out, double v, int bitSize);

} // namespace flowdeck

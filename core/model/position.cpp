#include "core/model/position.h"

namespace flowdeck {

std::string Position::toString() const
{
    std::string s = source;
    if (partition >= 0)
        return s + '[' + std::to_string(partition) + "]@" + std::to_string(offset);
    if (line > 0) {
        s += ':' + std::to_string(line);
        if (column > 0)
            s += ':' + std::to_string(column);
        return s;
    }
    s += ':' + std::to_string(offset);
    // Binlog records of a transaction with several rows (BinlogReader): endLine is the row,
    // column the number of rows.
    if (endLine > 0 && column > 1)
        s += " row " + std::to_string(endLine) + " of " + std::to_string(column);
    return s;
}

} // namespace flowdeck

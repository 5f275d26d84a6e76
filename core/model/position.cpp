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
    if (rows > 1)
        s += " row " + std::to_string(row) + " of " + std::to_string(rows);
    return s;
}

} // namespace flowdeck

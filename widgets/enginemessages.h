#pragma once

#include <QString>

#include <string>

namespace flowdeck {

/// The window's translation of core's messages: run errors, record errors (the monitor's Errors
/// tab, the status bar, the Last run column), connection failures and validation problems (the
/// wizard).
///
/// core/ writes its messages in English and keeps them so: `flowdeck run` prints them, the run
/// history, the state files and the dead-letter files store them (read later, maybe in another
/// language), and core's tests compare them without any translator installed. So the window
/// translates when it shows them: a table of the most common templates, each matched with its
/// arguments (a message nested after "...: " is translated in turn) and translated in the
/// "EngineMessages" context of translations/*.ts. A message the table does not know stays
/// English.
QString engineMessage(const QString &english);
QString engineMessage(const std::string &english);
QString engineMessage(const char *english); // UTF-8, as Error::what()

/// A record error's stage ("read", "mapping", "write", ...), translated.
QString engineStage(const std::string &stage);

} // namespace flowdeck

#pragma once

#include <QString>
#include <QStringList>

namespace flowdeck {

/// The application's settings, typed, over QSettings. Secrets never go here (keychain).
class Settings
{
public:
    /// "" (system language), "en", "ja" or "zh_CN".
    static QString language();
    static void setLanguage(const QString &language);

    /// Where the user's flow files live: $XDG_DATA_HOME/flowdeck/flows.
    static QString flowsFolder();
    /// Flow files whose schedule the user paused (or that were installed paused, as the
    /// examples are): a pause lasts across restarts of the window.
    static QStringList pausedFlows();
    static void setFlowPaused(const QString &flowPath, bool paused);

    /// Checkpoints and run history, shared with `flowdeck run`: $XDG_STATE_HOME/flowdeck.
    static QString stateFolder();
};

} // namespace flowdeck

#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QLabel;
class QPushButton;
class QTimer;

namespace flowdeck {

/// The sandbox database in the main window's status bar: "Sandbox database: running on
/// 127.0.0.1:4000" or "not running", with Start / Stop (run off the UI thread). Checked again
/// every few seconds, so a sandbox started or stopped from a terminal shows too.
class SandboxStatus : public QWidget
{
    Q_OBJECT
public:
    /// `dir`: the sandbox's directory (Sandbox::defaultDir() in the application).
    explicit SandboxStatus(const QString &dir, QWidget *parent = nullptr);

    const QString &dir() const { return m_dir; }
    bool isRunning() const { return m_running; }
    /// A start or stop is under way.
    bool isBusy() const { return m_busy; }
    /// This window started the running sandbox (its Start button): quitting stops it.
    bool startedHere() const { return m_startedHere && m_running; }
    QLabel *label() const { return m_label; }
    QPushButton *button() const { return m_button; }

    /// True when `connection` (a flow's expanded connection object) points at this sandbox
    /// (127.0.0.1 or localhost, its port) and the sandbox is not running: a run could only fail.
    bool isDownFor(const nlohmann::json &connection) const;

    /// Reads the sandbox's state now.
    void refresh();
    void start();
    /// Stops the server in the background; `wait`: returns only once it stopped (quitting).
    void stop(bool wait = false);

Q_SIGNALS:
    void changed();

private:
    void run(bool start, bool wait);

    QString m_dir;
    QLabel *m_label = nullptr;
    QPushButton *m_button = nullptr;
    QTimer *m_timer = nullptr;
    bool m_running = false;
    int m_port = 0; // of the last start (sandbox.json), else the default
    bool m_busy = false;
    bool m_startedHere = false;
};

} // namespace flowdeck

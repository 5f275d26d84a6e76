#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTimer;

namespace flowdeck {

/// The embedded Kafka broker in the main window's status bar: "Embedded broker: running on
/// 127.0.0.1:PORT" or "not running", with Start / Stop. The broker lives in this process
/// (EmbeddedBroker::shared(), the one flows with "brokers": "embedded" use), so a flow run or the
/// topic browser may start it too: the label is checked again every two seconds. Quitting the
/// window stops it (its topics live in memory only).
class BrokerStatus : public QWidget
{
    Q_OBJECT
public:
    explicit BrokerStatus(QWidget *parent = nullptr);

    bool isRunning() const { return m_running; }
    QLabel *label() const { return m_label; }
    QPushButton *button() const { return m_button; }

    /// `inUse` answers whether a flow run may be using the broker: Stop then refuses, saying so.
    void setInUse(std::function<bool()> inUse) { m_inUse = std::move(inUse); }

    /// Reads the broker's state now.
    void refresh();
    /// Starts the broker; false with the error shown when librdkafka cannot.
    bool start();
    /// Stops the broker (its topics and messages are gone); false when a run uses it.
    bool stop();

Q_SIGNALS:
    void changed();

private:
    QLabel *m_label = nullptr;
    QPushButton *m_button = nullptr;
    QTimer *m_timer = nullptr;
    std::function<bool()> m_inUse;
    bool m_running = false;
};

} // namespace flowdeck

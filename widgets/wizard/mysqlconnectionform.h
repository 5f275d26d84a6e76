#pragma once

#include "endpointprobe.h"

#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flowdeck {

class FieldMessage;

/// The connection form of a MySQL/MariaDB/TiDB endpoint: host, port, user, password, database,
/// TLS, with **Test connection** (run off the UI thread: the answer is the server's own, e.g.
/// "Access denied for user 'root'@'127.0.0.1'") and **Use the sandbox database**.
///
/// The password goes to the keychain when the flow is saved; the flow refers to it as
/// ${FLOWDECK_SECRET_...} (see SecretStore).
class MySqlConnectionForm : public QWidget
{
    Q_OBJECT
public:
    explicit MySqlConnectionForm(QWidget *parent = nullptr);

    /// Fills the form from a flow's `connection` object (raw, `${...}` kept).
    void load(const nlohmann::json &connection);
    /// The `connection` object to write; `passwordVariable` names the keychain entry of a typed password.
    nlohmann::json save(const nlohmann::json &original, const QString &passwordVariable) const;
    /// The connection object with `${...}` expanded and the typed password: what a test uses.
    nlohmann::json effective() const;
    /// The flow whose keychain entries effective() may read (SecretStore::lookup()).
    void setFlowName(const QString &name) { m_flowName = name; }
    /// The typed password when it must be saved to the keychain, else "".
    QString passwordToStore() const;

    QString database() const;
    /// Tests the connection (listing databases, and the tables of `database`).
    void test();
    bool isBusy() const { return m_busy; }
    /// The last test answered and succeeded, and nothing changed since.
    bool isConnected() const { return m_connected; }
    const ProbeResult &lastResult() const { return m_result; }
    /// Explains whether the password goes to the keychain or must come from the environment.
    void updateKeychainNote(const QString &passwordVariable);

Q_SIGNALS:
    void changed();
    void busyChanged();
    void tested(const flowdeck::ProbeResult &result);

private:
    void useSandbox();
    void invalidate();

    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_database = nullptr;
    QComboBox *m_tls = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_sandbox = nullptr;
    FieldMessage *m_message = nullptr;
    QLabel *m_keychainNote = nullptr;
    QString m_flowName;          // whose keychain entries effective() may read
    QString m_passwordReference; // the loaded flow's password, a ${...} reference
    ProbeResult m_result;
    bool m_busy = false;
    bool m_connected = false;
    int m_generation = 0;
};

} // namespace flowdeck

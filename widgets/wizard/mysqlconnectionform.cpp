#include "mysqlconnectionform.h"

#include "fieldmessage.h"

#include "widgets/secretstore.h"

#include "core/devtools/sandbox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

namespace {

QString text(const nlohmann::json &o, const char *key)
{
    const auto it = o.find(key);
    if (it == o.end() || it->is_null())
        return {};
    return it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString::fromStdString(it->dump());
}

struct SandboxAnswer
{
    bool ok = false;
    QString message;
    SandboxInfo info;
};

} // namespace

MySqlConnectionForm::MySqlConnectionForm(QWidget *parent)
    : QWidget(parent)
{
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_host->setObjectName(QStringLiteral("mysqlHost"));
    m_port = new QLineEdit(QStringLiteral("4000"), this);
    m_port->setObjectName(QStringLiteral("mysqlPort"));
    m_port->setToolTip(tr("1 to 65535, or an environment reference such as ${DB_PORT:-4000}"));
    m_port->setMaximumWidth(220);
    m_user = new QLineEdit(QStringLiteral("root"), this);
    m_user->setObjectName(QStringLiteral("mysqlUser"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("mysqlPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_database = new QComboBox(this);
    m_database->setObjectName(QStringLiteral("mysqlDatabase"));
    m_database->setEditable(true);
    m_database->setEditText(QStringLiteral("test"));
    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("mysqlTls"));
    // stored in flow files: do not rename
    m_tls->addItem(tr("Preferred (when the server offers it)"), QStringLiteral("preferred"));
    m_tls->addItem(tr("Disabled"), QStringLiteral("disabled"));
    m_tls->addItem(tr("Required (certificate not checked)"), QStringLiteral("required"));
    m_tls->addItem(tr("Verify (certificate and host name checked)"), QStringLiteral("verify"));
    m_test = new QPushButton(tr("&Test Connection"), this);
    m_test->setObjectName(QStringLiteral("mysqlTest"));
    m_sandbox = new QPushButton(tr("Use the &Sandbox Database"), this);
    m_sandbox->setObjectName(QStringLiteral("mysqlSandbox"));
    m_sandbox->setToolTip(tr("A private MariaDB server in your data folder, started on demand (flowdeck sandbox start)."));
    m_message = new FieldMessage(this);
    m_message->setObjectName(QStringLiteral("mysqlMessage"));
    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_keychainNote->hide();

    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 3);
    hostRow->addWidget(buddyLabel(tr("P&ort:"), m_port));
    hostRow->addWidget(m_port, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_test);
    buttons->addWidget(m_sandbox);
    buttons->addStretch();

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(buddyLabel(tr("&Host:"), m_host), hostRow);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_keychainNote);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("T&LS:"), m_tls);
    form->addRow(QString(), buttons);
    form->addRow(QString(), m_message);

    for (QLineEdit *e : {m_host, m_port, m_user, m_password})
        connect(e, &QLineEdit::textEdited, this, &MySqlConnectionForm::invalidate);
    connect(m_database, &QComboBox::currentTextChanged, this, &MySqlConnectionForm::invalidate);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &MySqlConnectionForm::invalidate);
    connect(m_test, &QPushButton::clicked, this, &MySqlConnectionForm::test);
    connect(m_sandbox, &QPushButton::clicked, this, &MySqlConnectionForm::useSandbox);
}

void MySqlConnectionForm::invalidate()
{
    m_connected = false;
    ++m_generation;
    m_test->setEnabled(true);
    if (m_busy) {
        m_busy = false;
        Q_EMIT busyChanged();
    }
    m_message->clear();
    Q_EMIT changed();
}

void MySqlConnectionForm::load(const nlohmann::json &connection)
{
    if (!connection.is_object())
        return;
    m_host->setText(text(connection, "host"));
    m_port->setText(connection.contains("port") ? text(connection, "port") : QStringLiteral("3306"));
    m_user->setText(text(connection, "user"));
    const QString password = text(connection, "password");
    if (password.contains(QLatin1String("${"))) {
        m_passwordReference = password;
        m_password->clear();
        m_password->setPlaceholderText(tr("unchanged (%1)").arg(password));
    } else {
        m_password->setText(password); // a hand-written password moves to the keychain on save
    }
    m_database->setEditText(text(connection, "database"));
    // "tls" is a mode, or {"mode", "ca", "cert", "key"}: the form edits the mode, save() keeps the files.
    QString mode = text(connection, "tls");
    if (connection.contains("tls") && connection["tls"].is_object())
        mode = connection["tls"].contains("mode") ? text(connection["tls"], "mode") : QStringLiteral("verify");
    const int tls = m_tls->findData(mode);
    m_tls->setCurrentIndex(tls < 0 ? 0 : tls);
    invalidate();
}

static nlohmann::json portValue(const QString &port)
{
    bool ok = false;
    const int n = port.toInt(&ok);
    return ok ? nlohmann::json(n) : nlohmann::json(port.toStdString());
}

nlohmann::json MySqlConnectionForm::save(const nlohmann::json &original, const QString &passwordVariable) const
{
    nlohmann::json c = original.is_object() ? original : nlohmann::json::object();
    if (m_host->text().trimmed().isEmpty())
        c.erase("host"); // a Unix socket connection
    else
        c["host"] = m_host->text().trimmed().toStdString();
    if (m_port->text().trimmed() == QLatin1String("3306") && !c.contains("port"))
        c.erase("port"); // the default: written only when the flow had it
    else
        c["port"] = portValue(m_port->text().trimmed());
    c["user"] = m_user->text().trimmed().toStdString();
    const QString password = m_password->text();
    if (password.isEmpty() && !m_passwordReference.isEmpty())
        c["password"] = m_passwordReference.toStdString();
    else if (password.isEmpty())
        c.erase("password");
    else if (!SecretStore::referencedVariable(password).isEmpty())
        c["password"] = password.toStdString(); // the user wrote an environment reference
    else
        c["password"] = SecretStore::reference(passwordVariable).toStdString();
    const QString database = this->database();
    if (database.isEmpty())
        c.erase("database");
    else
        c["database"] = database.toStdString();
    const QString tls = m_tls->currentData().toString();
    if (c.contains("tls") && c["tls"].is_object())
        c["tls"]["mode"] = tls.toStdString(); // certificate files stay as the flow had them
    else if (tls == QLatin1String("preferred") && !c.contains("tls"))
        c.erase("tls"); // the default: written only when the flow had it
    else
        c["tls"] = tls.toStdString();
    return c;
}

nlohmann::json MySqlConnectionForm::effective() const
{
    nlohmann::json c = save(nlohmann::json::object(), QStringLiteral("UNUSED"));
    c.erase("password");
    const EnvLookup lookup = SecretStore::lookup(m_flowName); // only this flow's keychain entries
    nlohmann::json expanded = expandEnvironment(c, lookup);
    const QString password = m_password->text().isEmpty() ? m_passwordReference : m_password->text();
    if (password.contains(QLatin1String("${")))
        expanded["password"] = expandEnvironment(nlohmann::json(password.toStdString()), lookup);
    else
        expanded["password"] = password.toStdString();
    return expanded;
}

QString MySqlConnectionForm::passwordToStore() const
{
    const QString password = m_password->text();
    if (password.isEmpty() || !SecretStore::referencedVariable(password).isEmpty())
        return {};
    return password;
}

QString MySqlConnectionForm::database() const
{
    return m_database->currentText().trimmed();
}

void MySqlConnectionForm::updateKeychainNote(const QString &passwordVariable)
{
    QString why;
    if (SecretStore::available(&why))
        m_keychainNote->setText(tr("The password is kept in the system keychain as %1, never in the flow file.")
                                    .arg(passwordVariable));
    else
        m_keychainNote->setText(tr("No keychain is available (%1): the password is not saved. The flow refers to "
                                   "it as ${%2}; set that environment variable before running the flow.")
                                    .arg(why, passwordVariable));
    m_keychainNote->setVisible(!m_password->text().isEmpty() || !m_passwordReference.isEmpty());
}

void MySqlConnectionForm::test()
{
    nlohmann::json connection;
    try {
        connection = effective();
    } catch (const std::exception &e) {
        m_message->showError(QString::fromUtf8(e.what()));
        return;
    }
    const QString database = this->database();
    const int generation = ++m_generation;
    m_busy = true;
    m_connected = false;
    m_test->setEnabled(false);
    m_message->showInfo(tr("Connecting…"));
    Q_EMIT busyChanged();
    auto *watcher = new QFutureWatcher<ProbeResult>(this);
    connect(watcher, &QFutureWatcher<ProbeResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // the form changed while the answer was on its way
        m_test->setEnabled(true);
        m_busy = false;
        m_result = watcher->result();
        m_connected = m_result.ok;
        if (m_result.ok) {
            const QString current = this->database();
            m_database->blockSignals(true);
            m_database->clear();
            m_database->addItems(m_result.databases);
            m_database->setEditText(current);
            m_database->blockSignals(false);
            m_message->showSuccess(m_result.message);
        } else {
            m_message->showError(m_result.message);
        }
        Q_EMIT busyChanged();
        Q_EMIT tested(m_result);
    });
    watcher->setFuture(QtConcurrent::run([connection, database] { return probe::mysqlServer(connection, database); }));
}

void MySqlConnectionForm::useSandbox()
{
    m_sandbox->setEnabled(false);
    m_message->showInfo(tr("Starting the sandbox database (the first start takes a few seconds)…"));
    auto *watcher = new QFutureWatcher<SandboxAnswer>(this);
    connect(watcher, &QFutureWatcher<SandboxAnswer>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_sandbox->setEnabled(true);
        const SandboxAnswer a = watcher->result();
        if (!a.ok) {
            m_message->showError(a.message);
            return;
        }
        m_host->setText(a.info.host);
        m_port->setText(QString::number(a.info.port));
        m_user->setText(a.info.user);
        m_password->setText(a.info.password);
        m_passwordReference.clear();
        m_database->setEditText(a.info.database);
        invalidate();
        test();
    });
    watcher->setFuture(QtConcurrent::run([] {
        SandboxAnswer a;
        try {
            Sandbox sandbox(Sandbox::defaultDir());
            const Sandbox::Status status = sandbox.status();
            if (status.running) {
                a.info = status.info;
            } else {
                Sandbox::StartOptions options;
                options.port = Sandbox::portAvailable(Sandbox::DefaultPort) ? Sandbox::DefaultPort : 0;
                a.info = sandbox.start(options).info;
            }
            a.ok = true;
        } catch (const std::exception &e) {
            a.message = QString::fromUtf8(e.what());
        }
        return a;
    }));
}

} // namespace flowdeck

#include "createtabledialog.h"

#include "endpointprobe.h"
#include "fieldmessage.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

CreateTableDialog::CreateTableDialog(const TableProposal &proposal, const nlohmann::json &connection, const QString &database,
                                     const QString &table, const QStringList &key, QWidget *parent)
    : QDialog(parent)
    , m_proposal(proposal)
    , m_connection(connection)
    , m_database(database)
    , m_table(table)
{
    setObjectName(QStringLiteral("createTableDialog"));
    setWindowTitle(tr("Create the Table"));
    auto *intro = new QLabel(tr("Flowdeck runs this statement on the destination server. The column names are the "
                                "mapped names in snake_case; the types come from the preview's values. Edit it if "
                                "you want."),
                             this);
    intro->setWordWrap(true);
    m_key = new QLineEdit(key.join(QStringLiteral(", ")), this);
    m_key->setObjectName(QStringLiteral("createTableKey"));
    m_key->setPlaceholderText(tr("columns of the primary key, comma-separated"));
    m_sql = new QPlainTextEdit(this);
    m_sql->setObjectName(QStringLiteral("createTableSql"));
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_message = new FieldMessage(this);
    m_message->setObjectName(QStringLiteral("createTableMessage"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *create = m_buttons->addButton(tr("Create &Table"), QDialogButtonBox::AcceptRole);
    create->setObjectName(QStringLiteral("createTableButton"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(create, &QPushButton::clicked, this, &CreateTableDialog::create);

    auto *form = new QFormLayout;
    form->addRow(tr("Primary &key:"), m_key);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_sql, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(720, 440);

    updateSql();
    connect(m_key, &QLineEdit::textChanged, this, &CreateTableDialog::updateSql);
}

QStringList CreateTableDialog::key() const
{
    QStringList out;
    for (const QString &k : m_key->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!k.trimmed().isEmpty())
            out << k.trimmed();
    return out;
}

QString CreateTableDialog::sql() const
{
    return m_sql->toPlainText();
}

void CreateTableDialog::updateSql()
{
    const QStringList k = key();
    for (const QString &column : k)
        if (!m_proposal.columnNames().contains(column)) {
            m_message->showError(tr("%1 is not a column of the table.").arg(column));
            return;
        }
    m_message->clear();
    m_sql->setPlainText(formatSql(m_proposal.createTableSql(m_database, m_table, k)));
}

QString CreateTableDialog::formatSql(const QString &sql)
{
    // One column per line: break after the top-level "(" and at top-level ", " (not inside a
    // type such as DECIMAL(20,2), a PRIMARY KEY's column list or a quoted identifier).
    QString out;
    int depth = 0;
    bool quoted = false;
    for (int i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('`'))
            quoted = !quoted;
        if (!quoted && c == QLatin1Char('(') && ++depth == 1) {
            out += QStringLiteral("(\n  ");
            continue;
        }
        if (!quoted && c == QLatin1Char(')') && depth-- == 1) {
            out += QStringLiteral("\n)");
            continue;
        }
        if (!quoted && depth == 1 && c == QLatin1Char(',') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char(' ')) {
            out += QStringLiteral(",\n  ");
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}

void CreateTableDialog::create()
{
    const QString statement = sql().trimmed();
    if (statement.isEmpty())
        return;
    m_buttons->setEnabled(false);
    m_message->showInfo(tr("Creating the table…"));
    auto *watcher = new QFutureWatcher<ProbeResult>(this);
    connect(watcher, &QFutureWatcher<ProbeResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_buttons->setEnabled(true);
        const ProbeResult r = watcher->result();
        if (!r.ok) {
            m_message->showError(r.message);
            return;
        }
        m_message->clear();
        accept();
    });
    const nlohmann::json connection = m_connection;
    watcher->setFuture(QtConcurrent::run([connection, statement] { return probe::mysqlExecute(connection, statement); }));
}

} // namespace flowdeck

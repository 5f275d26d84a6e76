#include "stepdialog.h"

#include "mappingcsv.h"
#include "mappingrow.h"

#include "core/model/errors.h"
#include "core/flow/flowvocabulary.h"
#include "core/flow/mappingvalidator.h"
#include "core/transform/transform.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowdeck {

using nlohmann::json;

static QString opHelp(const QString &op)
{
    static const QHash<QString, const char *> help = {
        {QStringLiteral("rename"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "The field's value as it is.")},
        {QStringLiteral("concat"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "The text of the fields joined with the separator; NULL parts are skipped.")},
        {QStringLiteral("mask"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Replaces the middle characters, keeping the first and last ones.")},
        {QStringLiteral("truncate"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Keeps the first characters.")},
        {QStringLiteral("upper"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Upper case.")},
        {QStringLiteral("lower"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Lower case.")},
        {QStringLiteral("trim"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Removes leading and trailing spaces.")},
        {QStringLiteral("constant"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Always this value.")},
        {QStringLiteral("default"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "This value when the input is NULL.")},
        {QStringLiteral("cast"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Converts the value; a value that does not convert fails the record.")},
        {QStringLiteral("replace"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Replaces every match of a regular expression (\\1..\\9 for groups).")},
        {QStringLiteral("notNull"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Fails the record when the value is NULL.")},
        {QStringLiteral("notEmpty"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Fails the record when the value is NULL, empty or only spaces.")},
        {QStringLiteral("range"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Fails the record unless the value is a number between min and max (inclusive).")},
        {QStringLiteral("regex"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Fails the record unless the value matches (anchor with ^...$ for the whole value).")},
    };
    const char *text = help.value(op);
    return text ? StepDialog::tr(text) : QString();
}

static QString paramLabel(const QString &key)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("source"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Source field:")},
        {QStringLiteral("sources"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Fields:")},
        {QStringLiteral("separator"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Separator:")},
        {QStringLiteral("char"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Mask character:")},
        {QStringLiteral("keepFirst"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Keep first:")},
        {QStringLiteral("keepLast"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Keep last:")},
        {QStringLiteral("length"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Length:")},
        {QStringLiteral("value"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Value:")},
        {QStringLiteral("to"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Type:")},
        {QStringLiteral("pattern"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Pattern:")},
        {QStringLiteral("with"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Replace with:")},
        {QStringLiteral("min"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Minimum:")},
        {QStringLiteral("max"), QT_TRANSLATE_NOOP("flowdeck::StepDialog", "Maximum:")},
    };
    const char *label = labels.value(key);
    return label ? StepDialog::tr(label) : key + QLatin1Char(':');
}

static const MappingValidator::OpKeys *keysOf(const QString &op)
{
    for (const auto &k : MappingValidator::opKeys())
        if (QString::fromUtf8(k.op.data(), k.op.size()) == op)
            return &k;
    return nullptr;
}

// A parameter's text back to JSON: numbers where the op expects numbers, lists for `sources`,
// the original value when the text is unchanged (so a loaded 42 stays a number).
static json paramFromText(const QString &key, const QString &text, const json *original)
{
    if (original && jsonParamText(*original) == text)
        return *original;
    if (key == QLatin1String("sources")) {
        QStringList parts;
        QString error;
        MappingCsv::splitLine(text, parts, error);
        json list = json::array();
        for (const QString &p : parts)
            if (!p.isEmpty())
                list.push_back(p.toStdString());
        return list;
    }
    if (key == QLatin1String("length") || key == QLatin1String("keepFirst") || key == QLatin1String("keepLast")
        || key == QLatin1String("min") || key == QLatin1String("max")) {
        bool ok = false;
        const qlonglong i = text.toLongLong(&ok);
        if (ok)
            return i;
        const double d = text.toDouble(&ok);
        if (ok && (key == QLatin1String("min") || key == QLatin1String("max")))
            return d;
    }
    return text.toStdString();
}

StepDialog::StepDialog(Kind kind, const QStringList &sourceFields, const json &steps, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_fields(sourceFields)
    , m_steps(steps.is_array() ? steps : json::array())
{
    setWindowTitle(kind == Kind::Transforms ? tr("Transform") : tr("Validation"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("steps"));
    auto *add = new QPushButton(tr("&Add step"), this);
    auto *remove = new QPushButton(tr("&Remove step"), this);
    m_op = new QComboBox(this);
    m_op->setObjectName(QStringLiteral("op"));
    const auto addOps = [&](const auto &ops) {
        for (std::string_view op : ops)
            m_op->addItem(QString::fromUtf8(op.data(), op.size()));
    };
    if (kind == Kind::Transforms)
        addOps(vocabulary::kTransformOps);
    else
        addOps(vocabulary::kValidationOps);
    m_help = new QLabel(this);
    m_help->setWordWrap(true);
    m_formHost = new QWidget(this);
    m_form = new QFormLayout(m_formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    left->addLayout(listButtons);
    auto *right = new QVBoxLayout;
    auto *opForm = new QFormLayout;
    opForm->addRow(tr("&Operation:"), m_op);
    right->addLayout(opForm);
    right->addWidget(m_help);
    right->addWidget(m_formHost);
    right->addStretch();
    auto *top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    // A new step starts as an op that needs no parameters, so it is valid at once.
    connect(add, &QPushButton::clicked, this, [this] {
        addStep(m_kind == Kind::Transforms ? QStringLiteral("trim") : QStringLiteral("notNull"));
    });
    connect(remove, &QPushButton::clicked, this, &StepDialog::removeCurrentStep);
    connect(m_list, &QListWidget::currentRowChanged, this, &StepDialog::showStep);
    connect(m_op, &QComboBox::currentTextChanged, this, [this](const QString &op) {
        if (m_updating || m_current < 0)
            return;
        json step = {{"op", op.toStdString()}};
        // Keep the parameters the new op also takes.
        if (const auto *keys = keysOf(op))
            for (std::string_view k : keys->keys)
                if (m_steps[m_current].contains(std::string(k)))
                    step[std::string(k)] = m_steps[m_current][std::string(k)];
        m_steps[m_current] = step;
        rebuildForm();
        refresh();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (int i = 0; i < int(m_steps.size()); ++i)
        m_list->addItem(stepLabel(i));
    if (!m_steps.empty())
        m_list->setCurrentRow(0);
    else
        showStep(-1);
    refresh();
    resize(680, 340);
}

QString StepDialog::stepLabel(int index) const
{
    return QStringLiteral("%1. %2").arg(index + 1).arg(stepsSummary(json::array({m_steps[index]})));
}

void StepDialog::addStep(const QString &op)
{
    m_steps.push_back({{"op", op.toStdString()}});
    m_list->addItem(QString());
    m_list->setCurrentRow(int(m_steps.size()) - 1);
    refresh();
}

void StepDialog::removeCurrentStep()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_current = -1;
    m_steps.erase(m_steps.begin() + row);
    delete m_list->takeItem(row);
    showStep(m_list->currentRow());
    refresh();
}

void StepDialog::showStep(int index)
{
    m_current = index;
    m_updating = true;
    m_op->setEnabled(index >= 0);
    if (index >= 0)
        m_op->setCurrentText(QString::fromStdString(m_steps[index].value("op", std::string())));
    m_updating = false;
    rebuildForm();
}

void StepDialog::rebuildForm()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_params.clear();
    if (m_current < 0) {
        m_help->setText(m_kind == Kind::Transforms ? tr("No transform: the value is written as it is. Click Add step to change it.")
                                                   : tr("No validation: every value is accepted. Click Add step to check values."));
        return;
    }
    const QString op = m_op->currentText();
    m_help->setText(opHelp(op));
    const auto *keys = keysOf(op);
    if (!keys)
        return;
    const json &step = m_steps[m_current];
    for (std::string_view keyView : keys->keys) {
        const std::string key(keyView);
        const QString qkey = QString::fromStdString(key);
        const QString text = step.contains(key) ? jsonParamText(step[key]) : QString();
        QWidget *editor = nullptr;
        if (key == "source" || key == "to") {
            auto *combo = new QComboBox(m_formHost);
            if (key == "source") {
                combo->setEditable(true);
                combo->addItem(QString());
                combo->addItems(m_fields);
                if (auto *line = combo->lineEdit())
                    line->setPlaceholderText(op == QLatin1String("rename") ? tr("required") : tr("the entry's source"));
            } else {
                for (std::string_view t : vocabulary::kCastTypes)
                    combo->addItem(QString::fromUtf8(t.data(), t.size()));
            }
            combo->setCurrentText(text);
            connect(combo, &QComboBox::currentTextChanged, this, &StepDialog::readForm);
            editor = combo;
        } else {
            auto *line = new QLineEdit(text, m_formHost);
            if (key == "sources")
                line->setPlaceholderText(tr("field, field, …"));
            else if (key == "keepLast")
                line->setPlaceholderText(QStringLiteral("4"));
            else if (key == "keepFirst")
                line->setPlaceholderText(QStringLiteral("0"));
            else if (key == "char")
                line->setPlaceholderText(QStringLiteral("*"));
            connect(line, &QLineEdit::textChanged, this, &StepDialog::readForm);
            editor = line;
        }
        editor->setObjectName(qkey);
        editor->setToolTip(tr("\"%1\" in the flow file").arg(qkey));
        m_form->addRow(paramLabel(qkey), editor);
        m_params << qMakePair(qkey, editor);
    }
    readForm(); // the step as the form shows it (a new cast is "to": "text", as its combo says)
}

void StepDialog::readForm()
{
    if (m_current < 0)
        return;
    json &step = m_steps[m_current];
    for (const auto &[key, editor] : std::as_const(m_params)) {
        const std::string k = key.toStdString();
        QString text;
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            text = combo->currentText().trimmed();
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            text = line->text();
        const json original = step.contains(k) ? step[k] : json();
        // An empty separator or replacement is the default: left out. An empty value is a value.
        const bool keepEmpty = key == QLatin1String("value");
        if (text.isEmpty() && !keepEmpty)
            step.erase(k);
        else
            step[k] = paramFromText(key, text, original.is_null() ? nullptr : &original);
    }
    refresh();
}

void StepDialog::setParameter(const QString &key, const QString &text)
{
    for (const auto &[k, editor] : std::as_const(m_params)) {
        if (k != key)
            continue;
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentText(text);
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->setText(text);
    }
}

QString StepDialog::problem() const
{
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        try {
            Transform::compile(m_steps[i], "step " + std::to_string(i + 1));
        } catch (const Error &e) {
            return QString::fromStdString(e.what());
        }
    }
    return {};
}

void StepDialog::refresh()
{
    for (int i = 0; i < m_list->count() && i < int(m_steps.size()); ++i)
        m_list->item(i)->setText(stepLabel(i));
    const QString p = problem();
    m_problem->setText(p);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty());
}

} // namespace flowdeck

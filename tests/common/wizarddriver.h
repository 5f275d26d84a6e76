#pragma once
// Helpers for tests that drive the flow wizard like a user: find widgets by object name, type,
// click, and wait for the off-thread checks to answer. Header-only (GUI tests only).

#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/filtereditor.h"
#include "widgets/mapping/filtermodel.h"
#include "widgets/mapping/mappingeditor.h"
#include "widgets/wizard/flowwizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QTest>
#include <QWizardPage>


/// QCOMPARE for nlohmann::json values (QCOMPARE's overloads do not take them), printing both.
#define COMPARE_JSON(actual, expected)                                                                       \
    QVERIFY2(nlohmann::json(actual) == nlohmann::json(expected),                                             \
             qPrintable(QString::fromStdString(nlohmann::json(actual).dump() + "\n   expected: " + nlohmann::json(expected).dump())))

namespace flowdeck::test {

/// The child of `parent` named `name`, failing the test (nullptr) when there is none.
template<class T>
T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return w;
}

/// Replaces a line edit's text as typing would (textEdited is emitted).
inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

inline void clickNext(QWizard *w)
{
    w->button(QWizard::NextButton)->click();
}

inline void clickBack(QWizard *w)
{
    w->button(QWizard::BackButton)->click();
}

/// Clicks `button` of the visible message box, or looks again in 20 ms (`tries` more times).
inline void answerMessageBoxSoon(QMessageBox::StandardButton button, int tries)
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
            box->button(button)->click();
            return;
        }
    if (tries > 0)
        QTimer::singleShot(20, qApp, [button, tries] { answerMessageBoxSoon(button, tries - 1); });
}

/// Answers the next message box that opens with `button` (from the event loop, so the box's
/// own exec() runs). Call it before the action that opens the box.
inline void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] { answerMessageBoxSoon(button, 200); });
}

/// "Map fields" as a user does it: select `source` on the left and `destination` on the right,
/// click the button. False when either is not listed or the editor refuses the pair.
inline bool mapFields(MappingEditor *editor, const QString &source, const QString &destination)
{
    const QList<QTreeWidgetItem *> s = editor->sourceList()->findItems(source, Qt::MatchExactly);
    const QList<QTreeWidgetItem *> d = editor->destinationList()->findItems(destination, Qt::MatchExactly);
    if (s.size() != 1 || d.size() != 1)
        return false;
    editor->sourceList()->setCurrentItem(s.first());
    editor->destinationList()->setCurrentItem(d.first());
    const int before = editor->model()->rowCount();
    auto *button = editor->findChild<QPushButton *>(QStringLiteral("mapFields"));
    if (!button)
        return false;
    button->click();
    return editor->model()->rowCount() > before || editor->messageText().startsWith(QStringLiteral("Mapped"));
}

/// "Add filter", then the row's field, condition and value set as the cell editors commit them.
inline bool addFilter(FilterEditor *editor, const QString &field, const QString &op, const QString &value)
{
    auto *button = editor->findChild<QPushButton *>(QStringLiteral("addFilter"));
    if (!button)
        return false;
    button->click();
    QAbstractItemModel *m = editor->model();
    const int row = m->rowCount() - 1;
    editor->view()->closePersistentEditor(m->index(row, FilterModel::Value));
    return m->setData(m->index(row, FilterModel::Field), field) && m->setData(m->index(row, FilterModel::Operator), op)
           && m->setData(m->index(row, FilterModel::Value), value);
}

} // namespace flowdeck::test
